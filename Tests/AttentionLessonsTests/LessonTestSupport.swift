import AttentionEngine
import AttentionLessons
import AttentionTrace
import Foundation

/// Paths and traces shared by the lesson tests.
enum LessonFixtures {
    /// `Tests/AttentionLessonsTests/Fixtures`.
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path
    /// The package root.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    static func path(_ relative: String) -> String { directory + "/" + relative }

    /// The additive hand case: s = [1, 0], h = [[0, 1], [1, 1]], W_a = [[1, 0, 0, 1], [0, 1, 1, 0]], v_a = [1, −1],
    /// source "le chat", target "the"; α = [1/(1 + e^{−tanh 1}), 1 − that].
    static func handTrace() throws -> Trace {
        try AttentionTracer().trace(TraceRequest(variant: .additive, spec: InputSpec(tensors: [
            "query": Tensor(rows: [[1, 0]]),
            "keys": Tensor(rows: [[0, 1], [1, 1]]),
            "W_a": Tensor(rows: [[1, 0, 0, 1], [0, 1, 1, 0]]),
            "v_a": Tensor(vector: [1, -1]),
        ], sourceTokens: ["le", "chat"], targetTokens: ["the"])))
    }

    static let alpha1 = 1 / (1 + exp(-tanh(1.0)))
}

/// Runs the built `attention-trace` binary and captures its output.
struct CommandRun {
    let status: Int32
    let standardOutput: String
    let standardError: String

    /// The binary built beside these tests: the directory holding the test bundle (`.build/debug`
    /// or `.build/release`), else the package's `.build/debug`.
    static var binary: URL {
        var directory = Bundle.main.bundleURL
        while directory.pathComponents.count > 1 {
            let candidate = directory.appendingPathComponent("attention-trace")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            if directory.lastPathComponent == ".build" { break }
            directory.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: LessonFixtures.packageRoot).appendingPathComponent(".build/debug/attention-trace")
    }

    init(_ arguments: [String], in directory: String? = nil) throws {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        status = process.terminationStatus
        standardOutput = String(decoding: outData, as: UTF8.self)
        standardError = String(decoding: errData, as: UTF8.self)
    }
}

/// A fresh temporary directory, removed by the caller.
func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("lessons-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
