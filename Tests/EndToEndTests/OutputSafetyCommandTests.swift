import Foundation
import Testing
import TestSupport

/// Outputs that would destroy an input, and inputs a lesson may not read (issue 11, "Data loss"):
/// each is refused with one line, before anything is written.
@Suite struct OutputSafetyCommandTests {
    static let spec = #"{"variant": "additive", "sourceTokens": ["le", "chat"], "targetTokens": ["the"]}"#
    static let lesson = """
        # Tiny

        ```{trace}
        variant: additive
        source: le chat
        target: the cat
        ```

        ```{exercise}
        id: tiny-shape
        question: What is the shape of the weights?
        answer: [2, 2]
        check: answer == shape(weights)
        hint: One row per target word.
        ```

        """

    /// A scratch directory holding `spec.json` and a course `course/01-tiny.md`.
    private func scratch() throws -> URL {
        let directory = try makeTemporaryDirectory()
        try Data(Self.spec.utf8).write(to: directory.appendingPathComponent("spec.json"))
        let course = directory.appendingPathComponent("course")
        try FileManager.default.createDirectory(at: course, withIntermediateDirectories: true)
        try Data(Self.lesson.utf8).write(to: course.appendingPathComponent("01-tiny.md"))
        return directory
    }

    private func contents(_ directory: URL, _ path: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(path), encoding: .utf8)
    }

    @Test(arguments: ["spec.json", "./spec.json", "course/../spec.json", "link.json"])
    func traceRefusesToWriteOverItsInput(_ output: String) throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("link.json").path,
                                                   withDestinationPath: "spec.json")
        let run = try runAttentionTrace(["trace", "--variant", "additive", "--input", "spec.json", "--output", output],
                                        in: directory)
        #expect(run.status == 1)
        #expect(run.standardError == "Error: refusing to write '\(output)': it is the input 'spec.json'; choose another output\n")
        #expect(try contents(directory, "spec.json") == Self.spec)
    }

    @Test func traceRefusesToWriteOverATensorFileTheSpecNames() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Docs/examples")
        for name in ["npy-spec.json", "query.npy", "keys.npy"] {
            try FileManager.default.copyItem(at: examples.appendingPathComponent(name), to: directory.appendingPathComponent(name))
        }
        let query = try Data(contentsOf: directory.appendingPathComponent("query.npy"))
        let run = try runAttentionTrace(["trace", "--input", "npy-spec.json", "--output", "./query.npy"], in: directory)
        #expect(run.status == 1)
        #expect(run.standardError.hasPrefix("Error: refusing to write './query.npy': it is the input "), "\(run.standardError)")
        #expect(try Data(contentsOf: directory.appendingPathComponent("query.npy")) == query)
    }

    @Test func buildRefusesTheCourseFolderItsParentAndTheCurrentDirectory() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let course = directory.appendingPathComponent("course").path
        let same = try runAttentionTrace(["lessons", "build", "course", "--output", "course"], in: directory)
        #expect(same.standardError == "Error: refusing to write 'course': it is the input 'course'; choose another output\n")
        let parent = try runAttentionTrace(["lessons", "build", course, "--output", directory.path])
        #expect(parent.standardError
            == "Error: refusing to write '\(directory.path)': it contains the input '\(course)'; choose another output\n")
        let elsewhere = directory.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let here = try runAttentionTrace(["lessons", "build", course, "--output", "."], in: elsewhere)
        #expect(here.standardError == "Error: refusing to replace '.': it is the current directory; write the site to a "
            + "folder of its own, such as --output site\n")
        for run in [same, parent, here] { #expect(run.status == 1) }
        #expect(try contents(directory, "course/01-tiny.md") == Self.lesson)
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
    }

    @Test func buildReplacesOnlyAFolderItBuilt() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let notes = directory.appendingPathComponent("notes")
        try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: notes.appendingPathComponent("todo.txt"))
        let refused = try runAttentionTrace(["lessons", "build", "course", "--output", "notes"], in: directory)
        #expect(refused.status == 1)
        #expect(refused.standardError == "Error: refusing to replace 'notes': it is not a site built by lessons build "
            + "(it has no .attention-trace-site file); remove it or choose another --output\n")
        #expect(try contents(directory, "notes/todo.txt") == "keep me")

        let built = try runAttentionTrace(["lessons", "build", "course", "--output", "site"], in: directory)
        #expect(built.status == 0, "\(built.standardError)")
        let rebuilt = try runAttentionTrace(["lessons", "build", "course", "--output", "site"], in: directory)
        #expect(rebuilt.status == 0, "\(rebuilt.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("site").path).sorted()
            == [".attention-trace-site", "01-tiny.html", "index.html"])
    }

    @Test(arguments: ["answers.json", "./answers.json", "course/01-tiny.md"])
    func gradeRefusesResultsThatNameAnInput(_ results: String) throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let answers = #"{"tiny-shape": [2, 2]}"#
        try Data(answers.utf8).write(to: directory.appendingPathComponent("answers.json"))
        let run = try runAttentionTrace(["lessons", "grade", "course/01-tiny.md", "--answers", "answers.json",
                                         "--results", results], in: directory)
        #expect(run.status == 1)
        let input = results.hasSuffix(".md") ? "course/01-tiny.md" : "answers.json"
        #expect(run.standardError == "Error: refusing to write '\(results)': it is the input '\(input)'; choose another output\n")
        #expect(try contents(directory, "answers.json") == answers)
        #expect(try contents(directory, "course/01-tiny.md") == Self.lesson)
    }

    @Test(arguments: [
        ("../spec.json", "is outside the course folder"),
        ("inputs/../../spec.json", "is outside the course folder"),
        ("outside-link.json", "is outside the course folder"),
        ("/etc/passwd", "is an absolute path"),
    ])
    func aLessonReadsOnlyFilesInsideItsFolder(_ input: String, _ problem: String) throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let course = directory.appendingPathComponent("course")
        try FileManager.default.createSymbolicLink(atPath: course.appendingPathComponent("outside-link.json").path,
                                                   withDestinationPath: directory.appendingPathComponent("spec.json").path)
        let lesson = Self.lesson.replacingOccurrences(of: "source: le chat\ntarget: the cat", with: "input: \(input)")
        try Data(lesson.utf8).write(to: course.appendingPathComponent("01-tiny.md"))
        let run = try runAttentionTrace(["lessons", "check", "course"], in: directory)
        #expect(run.status == 1)
        #expect(run.standardError.hasPrefix("course/01-tiny.md:5: input '\(input)' \(problem)"), "\(run.standardError)")
    }

    @Test func aLinkInsideTheCourseFolderIsFine() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let course = directory.appendingPathComponent("course")
        try Data(Self.spec.utf8).write(to: course.appendingPathComponent("spec.json"))
        try FileManager.default.createSymbolicLink(atPath: course.appendingPathComponent("link.json").path,
                                                   withDestinationPath: "spec.json")
        let lesson = Self.lesson.replacingOccurrences(of: "source: le chat\ntarget: the cat", with: "input: link.json")
            .replacingOccurrences(of: "[2, 2]", with: "[1, 2]")
        try Data(lesson.utf8).write(to: course.appendingPathComponent("01-tiny.md"))
        let run = try runAttentionTrace(["lessons", "check", "course"], in: directory)
        #expect(run.status == 0, "\(run.standardError)")
    }

    @Test func anOutputPathThatIsNotUTF8IsRefused() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let binary = productsDirectory.appendingPathComponent("attention-trace").path
        // Process takes Strings, so the shell writes the byte 0xFF into the argument.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", #""$0" trace --variant additive --input spec.json --output "$(printf 'bad\377.html')""#, binary]
        process.currentDirectoryURL = directory
        let error = Pipe()
        process.standardError = error
        try process.run()
        let message = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(message == "Error: refusing to write 'bad\u{FFFD}.html': the path is not valid UTF-8; name the output in UTF-8\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["course", "spec.json"])
    }
}
