import AttentionTrace
import Foundation
import Testing
import TestSupport

/// Tensor files through the binary (issue 14, item 2): the README's example files in
/// `Docs/examples/`, and a bad tensor file refused with one line and no output.
@Suite struct TensorFileCommandTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Docs/examples")

    /// A scratch folder holding a copy of `Docs/examples`.
    func scratch() throws -> URL {
        let directory = try makeTemporaryDirectory()
        for file in ["npy-spec.json", "query.npy", "keys.npy", "dot.safetensors"] {
            try FileManager.default.copyItem(at: Self.examples.appendingPathComponent(file), to: directory.appendingPathComponent(file))
        }
        return directory
    }

    func weights(ofTraceIn output: URL) throws -> [Double]? {
        let trace = try JSONDecoder().decode(Trace.self, from: Data(contentsOf: output))
        return trace.result["weights"]?.values?.scalars
    }

    @Test func aSpecOfNpyFilesAndAWholeSafetensorsSpecTraceTheSameNumbers() throws {
        let directory = try scratch()
        var traced: [[Double]?] = []
        for input in ["npy-spec.json", "dot.safetensors"] {
            let output = directory.appendingPathComponent(input + ".trace.json")
            let result = try runAttentionTrace(["trace", "--input", input, "--format", "json", "--output", output.path], in: directory)
            #expect(result.status == 0, "\(result.standardError)")
            traced.append(try weights(ofTraceIn: output))
        }
        // query · keys = [1, -1.5]; softmax gives 1 / (1 + e^−2.5) to "le".
        let expected = [1 / (1 + exp(-2.5)), exp(-2.5) / (1 + exp(-2.5))]
        #expect(traced[0] == traced[1])
        #expect(maxAbsoluteDifference(try #require(traced[0]), expected) <= 1e-15)
    }

    @Test func aTruncatedTensorFileIsOneLineAndNoOutput() throws {
        let directory = try scratch()
        let keys = directory.appendingPathComponent("keys.npy")
        let bytes = try Data(contentsOf: keys)
        try bytes.prefix(bytes.count - 4).write(to: keys)
        let output = directory.appendingPathComponent("page.html")
        let result = try runAttentionTrace(["trace", "--input", "npy-spec.json", "--output", output.path], in: directory)
        #expect(result.status != 0 && result.status < 128)
        #expect(result.standardError == "Error: keys.npy: tensor 'keys': its header announces shape [2, 2] of '<f4', 16 bytes, "
                    + "but 12 bytes follow it (the file is truncated)\n")
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test(arguments: [("keys.npy", 0), ("../keys.npy", 1)])
    func aLessonsSpecReadsTensorFilesOnlyInsideItsFolder(_ keys: String, _ status: Int32) throws {
        let directory = try scratch()
        let course = directory.appendingPathComponent("course")
        try FileManager.default.createDirectory(at: course, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.examples.appendingPathComponent("query.npy"), to: course.appendingPathComponent("query.npy"))
        try FileManager.default.copyItem(at: Self.examples.appendingPathComponent("keys.npy"), to: course.appendingPathComponent("keys.npy"))
        let spec = #"{"variant": "dot", "tensors": {"query": {"file": "query.npy"}, "keys": {"file": "\#(keys)"}}}"#
        try Data(spec.utf8).write(to: course.appendingPathComponent("spec.json"))
        try Data("# Tensor files\n\n```{trace}\nvariant: dot\ninput: spec.json\n```\n".utf8).write(to: course.appendingPathComponent("01-files.md"))
        let run = try runAttentionTrace(["lessons", "check", "course"], in: directory)
        #expect(run.status == status, "\(run.standardError)")
        if status != 0 {
            #expect(run.standardError.contains("invalid spec at tensors.keys.file: '../keys.npy' is outside the spec's folder"),
                    "\(run.standardError)")
        }
    }
}
