import Foundation
import Testing
import TestSupport

/// Every command the documentation shows is run, so that a page cannot drift from the command
/// line (issue 11, item 16).
///
/// Each ```` ```sh ```` block of `README.md`, `Lessons/README.md` and every Markdown file under
/// `Docs/` is run with `/bin/sh -e`, the blocks of one document in order in one scratch
/// directory that holds a copy of the repository's `Lessons/` and `Docs/` (and the tiny BERT
/// checkpoint, ``copiedFolders``), as a reader who follows the page from the top of the
/// repository would. The test knows no command by name:
///
/// - `swift run attention-trace`, `.build/debug/attention-trace` and a bare `attention-trace`
///   at the start of a command (or after `&&`) run the binary these tests were built with;
/// - a ```` ```json ```` block right before a ```` ```sh ```` block is the file that the sh block's
///   `--input` names, when the page does not make that file itself;
/// - a line continued with `\`, a here-document and `#` comments are read as the shell reads them;
/// - in `a && b`, a command after one that is not run is not run either, unless it calls the binary;
/// - a command with a `<placeholder>` in it (`explain <the same arguments as trace> --cell …`) is a
///   template for the reader to fill in, and is not run.
///
/// ``notRun`` lists the only commands left out, each with the reason.
@Suite struct DocumentedCommandTests {
    /// Commands that are not run: they need the network or a toolchain, or run for minutes.
    /// Each is matched at the start of a command.
    static let notRun: [(prefix: String, reason: String)] = [
        ("swift build", "builds the package; these tests run the binary the build made"),
        ("bash .ci/", "the CI scripts install system packages and run every test"),
        ("python3 ", "installs PyTorch for the benchmark's optional baseline"),
        ("swift run -c release attention-bench", "the benchmark runs for minutes"),
    ]

    /// The folders and files a reader's commands may read, copied into the scratch directory: the
    /// lessons, the documentation, the tiny BERT, GPT-2 and Llama checkpoints that `Docs/models/`
    /// traces and the `nn.MultiheadAttention` state dicts of `Docs/mechanisms/multi-head.md`.
    static let copiedFolders = ["Lessons", "Docs", "Tests/AttentionCheckpointsTests/Fixtures/tiny-bert",
                                "Tests/AttentionCheckpointsTests/Fixtures/tiny-gpt2",
                                "Tests/AttentionCheckpointsTests/Fixtures/tiny-llama.gguf", "Tests/AttentionCheckpointsTests/Fixtures/tiny-llama",
                                "Tests/AttentionEngineTests/Fixtures/module"]

    /// The documents whose commands are run, relative to the package root.
    static let documents: [String] = {
        let manager = FileManager.default
        let docs = manager.enumerator(atPath: packageRoot + "/Docs")?.compactMap { $0 as? String } ?? []
        return ["README.md", "Lessons/README.md"] + docs.filter { $0.hasSuffix(".md") }.sorted().map { "Docs/" + $0 }
    }()

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    @Test func theDocumentsHaveCommandsToRun() throws {
        let scripts = try Self.documents.map { try DocumentScript(document: $0, root: Self.packageRoot) }
        #expect(scripts.contains { $0.document == "Lessons/README.md" && $0.commandCount >= 4 })
        #expect(scripts.map(\.commandCount).reduce(0, +) >= 20)
    }

    @Test(arguments: documents)
    func everyCommandADocumentShowsRuns(_ document: String) throws {
        let script = try DocumentScript(document: document, root: Self.packageRoot)
        guard script.commandCount > 0 else { return }
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for folder in Self.copiedFolders {
            let destination = directory.appendingPathComponent(folder)
            try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: Self.packageRoot + "/" + folder, toPath: destination.path)
        }
        for (name, contents) in script.files {
            try Data(contents.utf8).write(to: directory.appendingPathComponent(name))
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-ex", "-c", script.text]
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["ATTENTION_TRACE": productsDirectory.appendingPathComponent("attention-trace").path]) { $1 }
        let error = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = error
        try process.run()
        let messages = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0,
                "a command in \(document) failed; the shell's trace, ending with the command and its error:\n\(messages.suffix(3_000))")
    }

    @Test func aStaleCommandFails() throws {
        // The command Lessons/README.md used to show: `lessons build` without the lessons folder.
        let script = try DocumentScript(markdown: "```sh\nattention-trace lessons build\n```\n", document: "stale.md")
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-e", "-c", script.text]
        process.currentDirectoryURL = directory
        process.environment = ["ATTENTION_TRACE": productsDirectory.appendingPathComponent("attention-trace").path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(script.commandCount == 1 && process.terminationStatus != 0)
    }
}

/// The sh blocks of one Markdown document as one shell script, with the files its commands need.
struct DocumentScript {
    let document: String
    /// The script: each command on its own line, the binary as `"$ATTENTION_TRACE"`.
    private(set) var text = ""
    /// The number of commands kept (the lines of the script that are not part of a here-document).
    private(set) var commandCount = 0
    /// Files to create before running: a json block's text under the name the next command's `--input` gives.
    private(set) var files: [(name: String, contents: String)] = []

    init(document: String, root: String) throws {
        try self.init(markdown: String(contentsOfFile: root + "/" + document, encoding: .utf8), document: document)
    }

    init(markdown: String, document: String) throws {
        self.document = document
        var lastJSON: String?
        for block in Self.fencedBlocks(in: markdown) {
            switch block.language {
            case "json": lastJSON = block.text
            case "sh":
                appendCommands(of: block.text, json: lastJSON)
                lastJSON = nil
            default: lastJSON = nil
            }
        }
    }

    /// The fenced code blocks of `markdown`, with their info strings' first word, in order.
    /// A fence closes only with a fence at least as long, so blocks quoted inside a longer fence stay inside it.
    static func fencedBlocks(in markdown: String) -> [(language: String, text: String)] {
        var blocks: [(language: String, text: String)] = []
        var open: (fence: String, language: String, lines: [String])?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let fence = String(line.prefix(while: { $0 == "`" }))
            if var current = open {
                if fence.count >= current.fence.count, line.dropFirst(fence.count).allSatisfy(\.isWhitespace) {
                    blocks.append((current.language, current.lines.joined(separator: "\n")))
                    open = nil
                } else {
                    current.lines.append(line)
                    open = current
                }
            } else if fence.count >= 3 {
                let info = line.dropFirst(fence.count).split(separator: " ").first.map(String.init) ?? ""
                open = (fence, info, [])
            }
        }
        return blocks
    }

    /// Adds the commands of one sh block, rewriting each call of the binary.
    private mutating func appendCommands(of block: String, json: String?) {
        var hereDocumentEnd: String?
        for line in block.replacingOccurrences(of: "\\\n", with: " ").split(separator: "\n").map(String.init) {
            if let end = hereDocumentEnd {
                text += line + "\n"
                if line == end { hereDocumentEnd = nil }
                continue
            }
            let command = line.trimmingCharacters(in: .whitespaces)
            if command.isEmpty || command.hasPrefix("#") { continue }
            var kept: [String] = []
            var skipped = false
            for segment in Self.withoutComment(command).components(separatedBy: " && ") {
                let runsTheBinary = Self.callingTheBinary(segment) != segment
                let isTemplate = segment.range(of: "<[a-z][a-z -]*>", options: .regularExpression) != nil
                // A segment after one that is not run may need what that one made; only the binary's own calls go on.
                if isTemplate || DocumentedCommandTests.notRun.contains(where: { segment.hasPrefix($0.prefix) })
                    || (skipped && !runsTheBinary) {
                    skipped = true
                } else {
                    kept.append(segment)
                }
            }
            guard !kept.isEmpty else { continue }
            let rewritten = kept.map(Self.callingTheBinary).joined(separator: " && ")
            if let json, let input = Self.value(of: "--input", in: rewritten), !files.contains(where: { $0.name == input }) {
                files.append((input, json))
            }
            if let marker = rewritten.range(of: #"<<'?([A-Z]+)'?"#, options: .regularExpression) {
                hereDocumentEnd = rewritten[marker].trimmingCharacters(in: CharacterSet(charactersIn: "<'"))
            }
            text += rewritten + "\n"
            commandCount += 1
        }
    }

    /// The command with a leading call of `attention-trace` (in any of the ways the docs write it) replaced.
    private static func callingTheBinary(_ command: String) -> String {
        for prefix in ["swift run attention-trace", ".build/debug/attention-trace", ".build/release/attention-trace",
                       "attention-trace"] where command == prefix || command.hasPrefix(prefix + " ") {
            return #""$ATTENTION_TRACE""# + command.dropFirst(prefix.count)
        }
        return command
    }

    /// The command without a trailing `# comment` (one outside quotes, after a space).
    private static func withoutComment(_ command: String) -> String {
        var quote: Character?
        var previous: Character = " "
        for index in command.indices {
            let character = command[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "#", previous == " " {
                return command[..<index].trimmingCharacters(in: .whitespaces)
            }
            previous = character
        }
        return command
    }

    /// The word after `option` in `command`.
    private static func value(of option: String, in command: String) -> String? {
        let words = command.split(separator: " ")
        guard let index = words.firstIndex(of: Substring(option)), index + 1 < words.count else { return nil }
        return String(words[index + 1])
    }
}
