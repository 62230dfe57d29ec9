import Foundation
import Testing
import TestSupport

/// A scratch directory for one browser check, and the built `attention-trace` binary.
struct Workspace {
    let directory: URL
    /// Where screenshots are kept: `.build/screenshots/`, outside git.
    let screenshots: URL

    /// The build directory holds both the test bundle and the binary.
    init(_ name: String) throws {
        let executable = productsDirectory.appendingPathComponent("attention-trace")
        try #require(FileManager.default.isExecutableFile(atPath: executable.path),
                     "build the binary first: swift build (looked for \(executable.path))")
        var root = productsDirectory
        while root.lastPathComponent != ".build", root.pathComponents.count > 1 { root.deleteLastPathComponent() }
        screenshots = root.appendingPathComponent("screenshots")
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("attention-trace-browser-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: screenshots, withIntermediateDirectories: true)
        let words = (0..<8).map { "\"w\($0)\"" }.joined(separator: ",")
        try #"{"variant":"multi-head","options":{"heads":2},"sourceTokens":[\#(words)]}"#
            .write(to: directory.appendingPathComponent("multi-head.json"), atomically: true, encoding: .utf8)
        func matrix(_ rows: Int, _ columns: Int, _ seed: Double) -> String {
            let lines = (0..<rows).map { i -> String in
                let entries = (0..<columns).map { j -> String in String(sin(seed + Double(i * columns + j) * 0.37)) }
                return "[" + entries.joined(separator: ",") + "]"
            }
            return "[" + lines.joined(separator: ",") + "]"
        }
        let sourceWords = (0..<70).map { "\"w\($0)\"" }.joined(separator: ",")
        try #"{"variant":"dot","tensors":{"query":\#(matrix(2, 250, 1)),"keys":\#(matrix(70, 250, 2))},"sourceTokens":[\#(sourceWords)],"targetTokens":["le","zoo"]}"#
            .write(to: directory.appendingPathComponent("long.json"), atomically: true, encoding: .utf8)
        try #"{"variant":"additive","sourceTokens":["<script>window.injected=1</script>","</script><!--","zoo"],"targetTokens":["le","\"zoo\" & שלום 🐈"]}"#
            .write(to: directory.appendingPathComponent("injection.json"), atomically: true, encoding: .utf8)
    }

    /// Writes a page's line of the timing report, `.build/browser-timings/PAGE.txt`, and prints it:
    /// its size, its height, when its script had run (by the page's clock), and how long
    /// Chromium took from start to exit (and, when measured, how long for an empty page).
    func recordTiming(_ page: String, bytes: Int, report: Probe.Report, seconds: Double, startUp: Double? = nil) throws {
        let line = "timing: \(page): \(bytes / 1024) KiB, \(report.height) px tall, interactive after "
            + String(format: "%.2f s; Chromium ran %.2f s", report.interactiveAfter / 1000, seconds)
            + (startUp.map { String(format: " (%.2f s for an empty page)", $0) } ?? "")
        print(line)
        let report = screenshots.deletingLastPathComponent().appendingPathComponent("browser-timings")
        try FileManager.default.createDirectory(at: report, withIntermediateDirectories: true)
        try (line + "\n").write(to: report.appendingPathComponent("\(page).txt"), atomically: true, encoding: .utf8)
    }

    /// A fresh directory for one Chromium run.
    func scratch(_ name: String) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs the binary with `arguments`, requiring success. `{spec}` stands for a multi-head
    /// spec with two heads, `{injection}` for an additive spec whose tokens are markup, `{long}`
    /// for a dot-product spec over 70 source words whose 70 × 250 keys are drawn as a picture.
    @discardableResult
    func binary(_ arguments: [String]) throws -> Data {
        let result = try runAttentionTrace(arguments.map { argument in
            switch argument {
            case "{spec}": directory.appendingPathComponent("multi-head.json").path
            case "{injection}": directory.appendingPathComponent("injection.json").path
            case "{long}": directory.appendingPathComponent("long.json").path
            default: argument
            }
        })
        try #require(result.status == 0, "attention-trace \(arguments.joined(separator: " ")): \(result.standardError)")
        return Data(result.standardOutput.utf8)
    }

    /// The trace the `trace` command makes for `arguments`, as JSON.
    func traceJSON(_ arguments: [String]) throws -> TraceSummary {
        try TraceSummary(json: binary(arguments + ["--format", "json"]))
    }
}

/// What the checks need from a trace's JSON.
struct TraceSummary {
    /// The cell of the first softmax weights a trace records, and its value.
    var firstNormalisedCell: (id: String, value: Double)?
    /// The number of cells of the result `weights` (0 without one).
    var alignmentCellCount: Int

    init(json: Data) throws {
        let trace = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        let steps = trace["steps"] as? [[String: Any]] ?? []
        let tensors = steps.flatMap { $0["tensors"] as? [[String: Any]] ?? [] }
        let normalised = tensors.first { ($0["provenance"] as? [String: Any])?["operation"] as? String == "normalize" }
        if let normalised, let id = normalised["id"] as? String,
           let value = ((normalised["values"] as? [[Double]])?.first?.first) {
            firstNormalisedCell = (id + "[0,0]", value)
        }
        func count(_ value: Any?) -> Int {
            (value as? [Any]).map { $0.reduce(0) { $0 + count($1) } } ?? (value is NSNumber ? 1 : 0)
        }
        alignmentCellCount = count(((trace["result"] as? [String: Any])?["weights"] as? [String: Any])?["values"])
    }
}
