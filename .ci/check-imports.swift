// Checks that every target lists each module of the package (or a product it uses) that its
// sources import. SwiftPM's --explicit-target-dependency-import-check catches only imports of
// targets outside a target's dependency closure, not a module reached through another
// dependency (swiftlang/swift#70560); this script catches those too.
//
// Usage: swift .ci/check-imports.swift   (from the package root; exits 1 and names each gap)
import Foundation

struct Manifest: Decodable {
    struct Target: Decodable {
        var name: String
        var path: String?
        var type: String
        var dependencies: [Dependency]
    }
    /// `{"byName": [name, condition]}`, `{"target": [name, condition]}` or `{"product": [name, package, …]}`.
    struct Dependency: Decodable {
        var name: String?

        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: AnyKey.self)
            for key in container.allKeys {
                var list = try container.nestedUnkeyedContainer(forKey: key)
                name = try list.decodeIfPresent(String.self)
            }
        }
    }
    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
    var targets: [Target]
}

let dump = Process()
dump.executableURL = URL(fileURLWithPath: "/usr/bin/env")
dump.arguments = ["swift", "package", "dump-package"]
let pipe = Pipe()
dump.standardOutput = pipe
try dump.run()
let data = pipe.fileHandleForReading.readDataToEndOfFile()
dump.waitUntilExit()
let manifest = try JSONDecoder().decode(Manifest.self, from: data)

let packageModules = Set(manifest.targets.map(\.name)).union(["ArgumentParser"])
var gaps: [String] = []
for target in manifest.targets where target.type != "system" {
    let folder = target.path ?? (target.type == "test" ? "Tests/\(target.name)" : "Sources/\(target.name)")
    let declared = Set(target.dependencies.compactMap(\.name))
    var imported: Set<String> = []
    let files = FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? []
    for file in files where file.hasSuffix(".swift") {
        let text = try String(contentsOfFile: "\(folder)/\(file)", encoding: .utf8)
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ").filter { !$0.hasPrefix("@") }
            if words.count == 2, words[0] == "import" { imported.insert(String(words[1])) }
        }
    }
    for module in imported.intersection(packageModules).subtracting(declared).subtracting([target.name]).sorted() {
        gaps.append("target '\(target.name)' imports \(module) but does not list it in Package.swift")
    }
}
for gap in gaps { FileHandle.standardError.write(Data("error: \(gap)\n".utf8)) }
exit(gaps.isEmpty ? 0 : 1)
