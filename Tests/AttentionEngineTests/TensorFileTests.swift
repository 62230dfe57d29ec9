import AttentionEngine
import AttentionTrace
import Foundation
import Testing
import TestSupport

/// Tensors given as `.npy` and `.safetensors` files, and a whole spec as one safetensors file
/// (issue 14, item 2). The files are `Fixtures/TensorFiles/`, written by `make_tensor_files.py`.
@Suite struct TensorFileTests {
    static let query = Tensor(rows: [[1, 2]])
    static let keys = Tensor(rows: [[1, 0], [0.5, -1]])

    /// A folder holding the fixture files `files` and `spec.json` with `json`, and the spec read from it.
    func spec(_ json: String, files: [String]) throws -> InputSpec {
        let folder = try makeTemporaryDirectory()
        for file in files { try copy(file, into: folder) }
        let path = folder.appendingPathComponent("spec.json").path
        return try InputSpec(json: Data(json.utf8), file: path)
    }

    func copy(_ file: String, into folder: URL) throws {
        let fixtures = try #require(Bundle.module.url(forResource: "Fixtures/TensorFiles", withExtension: nil))
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent(file), to: folder.appendingPathComponent(file))
    }

    /// The message of the error reading the spec, with the temporary folder written as `dir`.
    func failure(_ json: String, files: [String]) -> String? {
        do {
            _ = try spec(json, files: files)
            return nil
        } catch {
            return "\(error)".replacingOccurrences(of: #"/[^ ']*attention-trace-[0-9A-Fa-f-]+"#, with: "dir", options: .regularExpression)
        }
    }

    @Test func npyFilesOfEitherPrecisionAndHeaderVersionAreReadExactly() throws {
        let given = try spec(#"{"variant": "dot", "tensors": {"query": {"file": "query.npy"}, "keys": {"file": "keys-f32.npy"}}}"#,
                             files: ["query.npy", "keys-f32.npy"])
        #expect(given.tensors == ["query": Self.query, "keys": Self.keys])
        let version2 = try spec(#"{"tensors": {"keys": {"file": "keys-v2.npy"}}}"#, files: ["keys-v2.npy"])
        #expect(version2.tensors["keys"] == Self.keys)
    }

    @Test func aSafetensorsFileGivesTensorsByNameAndTheTraceReadsThem() throws {
        let json = #"{"variant": "dot", "tensors": {"query": {"file": "attention.safetensors"}, "#
            + #""keys": {"file": "attention.safetensors", "tensor": "keys"}}}"#
        let given = try spec(json, files: ["attention.safetensors"])
        #expect(given.tensors == ["query": Self.query, "keys": Self.keys])
        let inline = try InputSpec(json: Data(#"{"variant": "dot", "tensors": {"query": [[1, 2]], "keys": [[1, 0], [0.5, -1]]}}"#.utf8),
                                   file: "inline.json")
        let trace = try AttentionTracer().trace(TraceRequest(spec: given))
        #expect(trace.result["weights"]?.values?.scalars == (try AttentionTracer().trace(TraceRequest(spec: inline))).result["weights"]?.values?.scalars)
        #expect(trace.tensor("t0.score.scores")?.values?.scalars == [1, -1.5])
    }

    @Test func aWholeSpecIsOneSafetensorsFileWithItsMetadata() throws {
        let folder = try makeTemporaryDirectory()
        try copy("dot-spec.safetensors", into: folder)
        try copy("causal-spec.safetensors", into: folder)
        let path = folder.appendingPathComponent("dot-spec.safetensors").path
        let dot = try InputSpec(data: Data(contentsOf: URL(fileURLWithPath: path)), file: path)
        #expect(dot.variant == .dot)
        #expect(dot.tensors == ["query": Self.query, "keys": Self.keys])
        #expect(dot.sourceTokens == ["le", "chat"])
        #expect(dot.targetTokens == ["the"])
        let causalPath = folder.appendingPathComponent("causal-spec.safetensors").path
        let causal = try InputSpec(data: Data(contentsOf: URL(fileURLWithPath: causalPath)), file: causalPath)
        #expect(causal.variant == .causal)
        #expect(causal.options.slidingWindow == 2)
        #expect(causal.tensors["X"]?.shape == [3, 2])
        let weights = try AttentionTracer().trace(TraceRequest(spec: causal)).result["weights"]?.values
        // Row 2 sees positions 1 and 2 only, under a window of 2.
        #expect(weights?[2, 0] == 0)
    }

    static let malformed: [(json: String, file: String, message: String)] = [
        (#"{"tensors": {"keys": {"file": "missing.npy"}}}"#, "query.npy",
         "dir/missing.npy: tensor 'keys': cannot read the file (no such file)"),
        (#"{"tensors": {"keys": {"file": "keys-truncated.npy"}}}"#, "keys-truncated.npy",
         "dir/keys-truncated.npy: tensor 'keys': its header announces shape [2, 2] of '<f8', 32 bytes, but 24 bytes follow it (the file is truncated)"),
        (#"{"tensors": {"keys": {"file": "keys-int.npy"}}}"#, "keys-int.npy",
         "dir/keys-int.npy: tensor 'keys': it holds dtype '<i8'; save float64 ('<f8') or float32 ('<f4'), little-endian"),
        (#"{"tensors": {"keys": {"file": "keys-big-endian.npy"}}}"#, "keys-big-endian.npy",
         "dir/keys-big-endian.npy: tensor 'keys': it holds big-endian dtype '>f8'; save float64 ('<f8') or float32 ('<f4'), little-endian"),
        (#"{"tensors": {"keys": {"file": "keys-fortran.npy"}}}"#, "keys-fortran.npy",
         "dir/keys-fortran.npy: tensor 'keys': it is in Fortran order; save the array in C order (numpy.ascontiguousarray)"),
        (#"{"tensors": {"keys": {"file": "keys-nan.npy"}}}"#, "keys-nan.npy",
         "dir/keys-nan.npy: tensor 'keys': a non-finite value (NaN or infinity) at [1][0]"),
        (#"{"tensors": {"keys": {"file": "make_tensor_files.py"}}}"#, "make_tensor_files.py",
         "dir/make_tensor_files.py: tensor 'keys': 'py' files are not read; give a .npy or a .safetensors file"),
        (#"{"tensors": {"keys": {"file": "query.npy", "tensor": "keys"}}}"#, "query.npy",
         "dir/query.npy: tensor 'keys': a .npy file holds one array; leave out \"tensor\""),
        (#"{"tensors": {"keys": {"file": "half.safetensors"}}}"#, "half.safetensors",
         "dir/half.safetensors: tensor 'keys': tensor 'keys' in the file has dtype F16; save it as F64 or F32"),
        (#"{"tensors": {"key": {"file": "attention.safetensors"}}}"#, "attention.safetensors",
         "dir/attention.safetensors: tensor 'key': no tensor 'key' (the file has: keys, query)"),
        (#"{"tensors": {"keys": {"fle": "keys-f32.npy"}}}"#, "keys-f32.npy",
         "dir/spec.json: unknown key 'fle' in tensors.keys; did you mean 'file'?"),
        (#"{"tensors": {"keys": {"tensor": "keys"}}}"#, "keys-f32.npy",
         "dir/spec.json: invalid spec at tensors.keys: a tensor file needs \"file\", the path of a .npy or .safetensors file"),
        (#"{"tensors": {"keys": {"file": "../keys-f32.npy"}}}"#, "keys-f32.npy",
         "dir/spec.json: invalid spec at tensors.keys.file: '../keys-f32.npy' is outside the spec's folder; a spec reads tensor files only inside its folder 'dir', by paths relative to it"),
        (#"{"tensors": {"keys": {"file": "/etc/hostname"}}}"#, "keys-f32.npy",
         "dir/spec.json: invalid spec at tensors.keys.file: '/etc/hostname' is an absolute path; a spec reads tensor files only inside its folder 'dir', by paths relative to it"),
    ]

    @Test(arguments: malformed)
    func everyMalformedTensorFileIsOneLineNamingTheFileAndTheTensor(_ json: String, _ file: String, _ message: String) {
        #expect(failure(json, files: [file]) == message)
    }

    @Test func aTensorFileOfTheWrongShapeIsNamedInTheShapeError() throws {
        let given = try spec(#"{"variant": "dot", "tensors": {"query": {"file": "keys-f32.npy"}, "keys": [[1, 0, 2]]}}"#,
                             files: ["keys-f32.npy"])
        let path = try #require(given.tensorFiles["query"])
        #expect(throws: TraceError.shapeMismatch(tensor: "query", expected: [2, 3], found: [2, 2],
                                                 because: "a dot score needs queries as wide as the keys, d_s = d_h = 3; 'query' was read from \(path)")) {
            try AttentionTracer().trace(TraceRequest(spec: given))
        }
    }

    @Test func aSymbolicLinkOutOfTheSpecsFolderIsRefused() throws {
        let outside = try makeTemporaryDirectory()
        try copy("keys-f32.npy", into: outside)
        let folder = try makeTemporaryDirectory()
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("link.npy"),
                                                   withDestinationURL: outside.appendingPathComponent("keys-f32.npy"))
        let json = #"{"tensors": {"keys": {"file": "link.npy"}}}"#
        #expect(throws: TraceError.self) {
            try InputSpec(json: Data(json.utf8), file: folder.appendingPathComponent("spec.json").path)
        }
    }

    @Test func aMalformedWholeSpecIsNamedByFileAndKey() throws {
        let folder = try makeTemporaryDirectory()
        try copy("misspelt-spec.safetensors", into: folder)
        let path = folder.appendingPathComponent("misspelt-spec.safetensors").path
        #expect(throws: TraceError.unknownKey("varient", path: "in __metadata__", file: path, suggestion: "variant")) {
            try InputSpec(data: Data(contentsOf: URL(fileURLWithPath: path)), file: path)
        }
        #expect(throws: TraceError.unreadableSpec(file: "x.safetensors", reason: "not a safetensors file: truncated header: it announces 0 bytes of JSON after the 8-byte length, but the file has 3 bytes")) {
            try InputSpec(data: Data([1, 2, 3]), file: "x.safetensors")
        }
    }
}
