import Foundation
import Testing
import TestSupport

/// Bad input through the binary: one line on stderr, a non-zero exit, and no output file.
@Suite struct BadInputCommandTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var arguments: [String]
        var spec: String?
        var message: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "unknown variant", arguments: ["--variant", "sparse", "--source", "a", "--target", "b"],
             message: "unknown variant 'sparse'; choose one of:"),
        Case(name: "malformed JSON", arguments: ["--variant", "dot"], spec: "{\"tensors\": {\n  \"query\": [[1, 2]],,\n}}",
             message: "spec.json: malformed JSON: Invalid value around line 2, column 21."),
        Case(name: "wrong shape", arguments: ["--variant", "general"],
             spec: #"{"tensors": {"query": [[1, 2]], "keys": [[1, 2, 3]], "W_a": [[1, 0], [0, 1]]}}"#,
             message: "tensor 'W_a' has shape [2, 2], expected [2, 3] (d_s x d_h, with d_s = 2 from query and d_h = 3 from keys)"),
        Case(name: "null in a tensor", arguments: ["--variant", "dot"], spec: #"{"tensors": {"query": [[1, null]], "keys": [[1, 2]]}}"#,
             message: "tensor 'query' has a non-finite value (NaN, infinity or null) at [0][1]"),
        Case(name: "infinite number", arguments: ["--variant", "dot"], spec: #"{"tensors": {"query": [[1, 1e999]], "keys": [[1, 2]]}}"#,
             message: "1e999 is not representable"),
        Case(name: "empty source", arguments: ["--variant", "additive", "--source", " ", "--target", "b"],
             message: "the source sentence is empty: give at least one word"),
        Case(name: "empty target", arguments: ["--variant", "additive", "--source", "a", "--target", ""],
             message: "the target sentence is empty: give at least one word"),
        Case(name: "heads that do not divide d_model", arguments: ["--variant", "multi-head", "--heads", "3", "--source", "a b"],
             message: "heads = 3 does not divide d_model = 8"),
        Case(name: "negative window", arguments: ["--variant", "local-m", "--window=-1", "--source", "a", "--target", "b"],
             message: "window must be 0 or more"),
        Case(name: "sliding window of 0", arguments: ["--variant", "causal", "--sliding-window", "0", "--source", "a b"],
             message: "sliding_window must be at least 1 (the W positions i − W < j ≤ i each query sees), got 0"),
        Case(name: "sliding window without the causal mask", arguments: ["--variant", "self", "--sliding-window", "2", "--source", "a b"],
             message: "sliding_window needs causal = true"),
        Case(name: "ALiBi without the causal mask", arguments: ["--variant", "multi-head", "--heads", "2", "--alibi", "--source", "a b"],
             message: "alibi needs causal = true"),
        Case(name: "kv_heads not dividing heads", arguments: ["--variant", "multi-head", "--heads", "4", "--kv-heads", "3", "--source", "a b"],
             message: "kv_heads must divide heads = 4, got 3"),
        Case(name: "RoPE on an odd head width", arguments: ["--variant", "causal", "--rope", "half"],
             spec: #"{"tensors": {"X": [[1, 0, 0], [0, 1, 0]]}}"#,
             message: "rope rotates pairs of dimensions, and d_k = 3 is odd; set rope_dims to an even number below it"),
        Case(name: "RoPE base of 1", arguments: ["--variant", "causal", "--rope", "half", "--rope-base", "1", "--source", "a b"],
             message: "rope_base must be a finite number above 1"),
        Case(name: "unknown RoPE pairing in a spec", arguments: ["--variant", "causal"], spec: #"{"options": {"rope": "neox"}}"#,
             message: "unknown rope pairing 'neox'; choose half (NeoX, Llama) or interleaved (GPT-J)"),
        Case(name: "block size of 0", arguments: ["--variant", "flash", "--block-size", "0", "--source", "a b"],
             message: "block_size must be at least 1 (the keys each block of the online softmax reads), got 0"),
        Case(name: "prefill longer than the sequence", arguments: ["--variant", "kv-cache", "--prefill", "3", "--source", "a b"],
             message: "prefill must be at most the sequence length n = 2, got 3"),
        Case(name: "heads on flash", arguments: ["--variant", "flash", "--heads", "2", "--source", "a b"],
             message: "option 'heads' does not apply to variant 'flash'"),
        Case(name: "kv_heads on a single-head variant", arguments: ["--variant", "causal", "--kv-heads", "1", "--source", "a b"],
             message: "kv_heads"),
        Case(name: "dot with mismatched widths", arguments: ["--variant", "dot"],
             spec: #"{"tensors": {"query": [[1, 2, 3]], "keys": [[1, 2]]}}"#,
             message: "tensor 'query' has shape [1, 3], expected [1, 2] (a dot score needs queries as wide as the keys"),
        Case(name: "missing target", arguments: ["--variant", "cross", "--source", "a b"],
             message: "needs"),
        Case(name: "too large for memory", arguments: ["--variant", "self"],
             spec: "{\"sourceTokens\": [" + (0..<100_000).map { "\"w\($0)\"" }.joined(separator: ",") + "]}",
             message: "of memory (n = 100000 source and m = 100000 target positions, width 8), more than the limit of 4.0 GB; pass --max-memory GB to allow it"),
        Case(name: "memory limit that is not a number", arguments: ["--variant", "dot", "--source", "a", "--target", "b",
                                                                   "--max-memory", "nan"],
             message: "--max-memory must be a positive number of gigabytes, got nan"),
        Case(name: "option that does not apply", arguments: ["--variant", "additive", "--heads", "2", "--source", "a", "--target", "b"],
             message: "option 'heads' does not apply to variant 'additive'"),
        Case(name: "misspelt variant", arguments: ["--variant", "multihead", "--source", "a"],
             message: "unknown variant 'multihead'; did you mean 'multi-head'?"),
        Case(name: "unknown score", arguments: ["--variant", "global", "--score", "cosine", "--source", "a", "--target", "b"],
             message: "The value 'cosine' is invalid for '--score <score>'. Please provide one of 'dot', 'general' or 'concat'."),
        Case(name: "spec for another variant", arguments: ["--variant", "additive"],
             spec: #"{"variant": "dot", "tensors": {"query": [[1, 2]], "keys": [[1, 2]]}}"#,
             message: "spec.json: the spec is for variant 'dot' but --variant is 'additive'"),
        Case(name: "flag contradicting the variant", arguments: ["--variant", "causal", "--no-causal", "--source", "a b"],
             message: "option 'causal' is false on the command line, but variant 'causal' means causal = true"),
        Case(name: "misspelt spec key", arguments: [], spec: #"{"tensor": {"query": [[1]]}}"#,
             message: "spec.json: unknown key 'tensor' at the top level; did you mean 'tensors'?"),
        Case(name: "misspelt option in a spec", arguments: [], spec: #"{"options": {"windw": 1}}"#,
             message: "spec.json: unknown key 'windw' in options; did you mean 'window'?"),
        Case(name: "empty token list", arguments: [], spec: #"{"tensors": {}, "sourceTokens": [], "targetTokens": ["it"]}"#,
             message: "'sourceTokens' in the spec is empty"),
        Case(name: "empty W_a under --score concat", arguments: ["--score", "concat"],
             spec: #"{"variant": "global", "tensors": {"query": [[1]], "keys": [[1]], "W_a": []}}"#,
             message: "tensor 'W_a' has shape [0]: every dimension must be at least 1"),
        Case(name: "missing target names the flags", arguments: ["--variant", "additive", "--source", "a", "--model", "seeded"],
             message: "variant 'additive' needs a target: pass --target or give the target-side tensors in --input"),
        Case(name: "a word the shipped model does not know",
             arguments: ["--variant", "additive", "--source", "the man who visitted the zoo", "--target", "l'homme"],
             message: "the source word 'visitted' is not in the vocabulary of the model rnnsearch.safetensors; closest known: 'visited'"
                 + "; pass --model seeded to trace any words"),
        Case(name: "a target word the shipped model does not know",
             arguments: ["--variant", "additive", "--source", "the man", "--target", "l'homme zzzz"],
             message: "the target word 'zzzz' is not in the vocabulary of the model rnnsearch.safetensors; pass --model seeded to trace any words"),
    ]

    @Test(arguments: cases)
    func isRefusedWithOneClearLine(_ badCase: Case) throws {
        let directory = try makeTemporaryDirectory()
        var arguments = ["trace"] + badCase.arguments
        if let spec = badCase.spec {
            try Data(spec.utf8).write(to: directory.appendingPathComponent("spec.json"))
            arguments += ["--input", "spec.json"]
        }
        let output = directory.appendingPathComponent("out.html")
        let result = try runAttentionTrace(arguments + ["--output", output.path], in: directory)
        #expect(result.status != 0)
        #expect(result.standardError.hasPrefix("Error: "))
        #expect(result.standardError.contains(badCase.message), "\(result.standardError)")
        #expect(result.standardError.split(separator: "\n").count == 1, "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: output.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).allSatisfy { $0 == "spec.json" })
    }

    @Test func anOverflowingInputIsRefusedAndLeavesTheOldFileAsItWas() throws {
        // Scores of 1e200 · 1e200 overflow to +∞; the engine refuses them rather than write NaN.
        let directory = try makeTemporaryDirectory()
        let keys = Array(repeating: "[1e200, 1e200]", count: 40_000).joined(separator: ",")
        try Data(#"{"variant": "dot", "tensors": {"query": [[1e200, 1e200]], "keys": [\#(keys)]}}"#.utf8)
            .write(to: directory.appendingPathComponent("spec.json"))
        let output = directory.appendingPathComponent("out.json")
        try Data("the previous trace\n".utf8).write(to: output)
        let result = try runAttentionTrace(["trace", "--variant", "dot", "--input", "spec.json", "--format", "json",
                                            "--output", output.path], in: directory)
        #expect(result.status != 0)
        #expect(result.standardError == "Error: the computation overflowed: t0.score.scores[0][0] is not a finite number; "
                    + "the given tensors are too large (the largest magnitude is 1e+200), scale them down\n")
        #expect(try String(contentsOf: output, encoding: .utf8) == "the previous trace\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["out.json", "spec.json"])
    }

    @Test func anUnwritableOutputPathIsRefusedAndNothingIsWritten() throws {
        let directory = try makeTemporaryDirectory()
        let output = directory.appendingPathComponent("missing/walkthrough.html")
        let result = try runAttentionTrace(["trace", "--source", "a", "--target", "b", "--model", "seeded", "--output", output.path])
        #expect(result.status != 0)
        #expect(result.standardError == "Error: cannot write '\(output.path)': no such file or directory\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }
}
