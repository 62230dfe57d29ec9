import Foundation
import Testing
import TestSupport

/// `trace` under the shipped trained model, `--model seeded` and `--model PATH`, through the binary.
@Suite struct ModelCommandTests {
    static let source = "the man who visited the zoo yesterday"
    static let target = "l'homme qui a visité le zoo hier"
    /// The shipped additive model's file in the sources.
    static let shippedPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/AttentionModels/Resources/rnnsearch.safetensors").path

    /// The JSON trace the arguments write on standard output.
    static func trace(_ arguments: [String], in directory: URL? = nil) throws -> [String: Any] {
        let result = try runAttentionTrace(["trace"] + arguments + ["--format", "json"], in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8))
        return try #require(object as? [String: Any])
    }

    /// Row `t`'s largest weight's column, for every row of the trace's `weights`.
    static func argmax(_ trace: [String: Any]) throws -> [Int] {
        let result = try #require(trace["result"] as? [String: Any])
        let weights = try #require((result["weights"] as? [String: Any])?["values"] as? [[Double]])
        return weights.map { row in row.indices.max { row[$0] < row[$1] } ?? -1 }
    }

    @Test func theReadmeSentenceShowsTheShippedModelsLearnedAlignment() throws {
        let trace = try Self.trace(["--variant", "additive", "--source", Self.source, "--target", Self.target])
        let options = try #require(trace["options"] as? [String: String])
        #expect(options["parameters"] == "model:rnnsearch.safetensors")
        #expect(options["model"]?.hasPrefix("checkpoint rnnsearch.safetensors (trained by attention-trace train, ") == true)
        // l'→the, homme→man, qui→who, a→visited, visité→visited, le→the, zoo→zoo, hier→yesterday: the
        // alignment is not the diagonal; it bends where "visited" becomes two words.
        #expect(try Self.argmax(trace) == [0, 1, 2, 3, 3, 4, 5, 6])
    }

    @Test func withoutATargetTheModelTranslatesAndTracesEveryWordItWrites() throws {
        let trace = try Self.trace(["--variant", "additive", "--source", Self.source])
        #expect(trace["targetTokens"] as? [String] == ["l'", "homme", "qui", "a", "visité", "le", "zoo", "hier", "⟨/s⟩"])
        let steps = try #require(trace["steps"] as? [[String: Any]])
        let predictions = steps.filter { ($0["id"] as? String)?.hasSuffix(".predict") == true }
        #expect(predictions.map { $0["title"] as? String } == ["l'", "homme", "qui", "a", "visité", "le", "zoo", "hier", "⟨/s⟩"]
            .map { "Predict the word: \($0)" })
        #expect((predictions.first?["explanation"] as? String)?.contains("The most probable words: l' ") == true)
        #expect(try Self.argmax(trace).prefix(8) == [0, 1, 2, 3, 3, 4, 5, 6])
    }

    @Test func seededParametersAreOneFlagAway() throws {
        let trace = try Self.trace(["--variant", "additive", "--source", Self.source, "--target", Self.target, "--model", "seeded"])
        let options = try #require(trace["options"] as? [String: String])
        #expect(options == ["parameters": "seeded", "seed": "42"])
        let inputs = try #require(trace["inputs"] as? [String: Any])
        #expect((inputs["keys"] as? [[Double]])?.first?.count == 8)
    }

    /// `--model initial` traces the parameters the shipped model's training started from, and its page
    /// says they are not trained; a variant without a shipped model refuses them in one line.
    @Test func theInitialParametersAreOneFlagAway() throws {
        let trace = try Self.trace(["--variant", "additive", "--source", Self.source, "--target", Self.target, "--model", "initial"])
        let options = try #require(trace["options"] as? [String: String])
        #expect(options == ["parameters": "model:rnnsearch.safetensors at epoch 0", "epochs": "0",
                            "model": "checkpoint rnnsearch.safetensors at epoch 0 (initial parameters of attention-trace train, not trained)"])
        let result = try #require(trace["result"] as? [String: Any])
        let weights = try #require((result["weights"] as? [String: Any])?["values"] as? [[Double]])
        #expect(weights.allSatisfy { row in row.allSatisfy { abs($0 - 1.0 / 7) < 0.02 } }, "nearly uniform before training")
        let page = try runAttentionTrace(["trace", "--variant", "dot", "--model", "initial", "--source", Self.source,
                                          "--target", Self.target, "--format", "markdown"])
        #expect(page.standardOutput.contains("The parameters are not trained yet: "))
        let refused = try runAttentionTrace(["trace", "--variant", "self", "--model", "initial", "--source", Self.source])
        #expect(refused.status == 1)
        #expect(refused.standardError == "Error: variant 'self' has no shipped model to take initial parameters from; "
                    + "they are for 'additive', 'dot', 'general'\n")
    }

    @Test func otherVariantsSayTheirParametersAreSeeded() throws {
        let trace = try Self.trace(["--variant", "local-m", "--source", Self.source, "--target", Self.target])
        #expect((trace["options"] as? [String: String])?["parameters"] == "seeded")
        #expect(trace["warnings"] as? [String] == ["variant 'local-m' has no trained model (the package's are traced by 'additive', 'general' and 'dot'), so its parameters are seeded"])
    }

    /// `general` traces the shipped Luong model by default; the additive model is refused for it by its score.
    @Test func generalTracesTheShippedLuongModel() throws {
        let trace = try Self.trace(["--variant", "general", "--source", Self.source, "--target", Self.target])
        #expect((trace["options"] as? [String: String])?["parameters"] == "model:rnnsearch-general.safetensors")
        let steps = try #require(trace["steps"] as? [[String: Any]]).compactMap { $0["id"] as? String }
        #expect(steps.contains("t0.decode") && steps.contains("t0.predict"))
        let refused = try runAttentionTrace(["trace", "--variant", "general", "--model", Self.shippedPath, "--source", Self.source,
                                             "--target", Self.target])
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("variant 'general' does not trace rnnsearch.safetensors: it is an RNNsearch model with the additive score, traced by variant 'additive'"),
                "\(refused.standardError)")
    }

    @Test func anyCheckpointTrainWroteCanBeTraced() throws {
        let directory = try makeTemporaryDirectory()
        let training = try runAttentionTrace(["train", "--init-only", "--train", "20", "--held-out", "2", "--embedding-size", "4",
                                              "--encoder-size", "3", "--decoder-size", "5", "--attention-size", "2",
                                              "--readout-size", "4", "--output", "tiny.safetensors"], in: directory)
        #expect(training.status == 0, "\(training.standardError)")
        let bytes = try Data(contentsOf: directory.appendingPathComponent("tiny.safetensors"))
        let headerLength = bytes.prefix(8).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        let header = try #require(JSONSerialization.jsonObject(with: bytes.dropFirst(8).prefix(headerLength)) as? [String: Any])
        let metadata = try #require(header["__metadata__"] as? [String: String])
        let vocabulary = try #require(JSONSerialization.jsonObject(with: Data((metadata["source_vocabulary"] ?? "").utf8)) as? [String])
        let source = vocabulary.prefix(3).joined(separator: " ")
        let trace = try Self.trace(["--variant", "additive", "--source", source, "--model", "tiny.safetensors"], in: directory)
        let options = try #require(trace["options"] as? [String: String])
        #expect(options["parameters"] == "model:tiny.safetensors")
        #expect(options["model"] == "checkpoint tiny.safetensors (initial parameters of attention-trace train, not trained)")
        let words = try #require(trace["targetTokens"] as? [String])
        #expect(!words.isEmpty && words.count <= 2 * 3 + 5)
        #expect(try Self.argmax(trace).count == words.count)
    }

    @Test func compareTracesTheModelForAdditiveAndTakesModelSeededToo() throws {
        let arguments = ["compare", "--variants", "global,additive", "--source", "the man who visitted", "--target", "l'homme",
                         "--format", "markdown"]
        let refused = try runAttentionTrace(arguments)
        #expect(refused.status != 0)
        #expect(refused.standardError == "Error: 'additive': the source word 'visitted' is not in the vocabulary of the model rnnsearch.safetensors; "
                    + "closest known: 'visited'; pass --model seeded to trace any words\n")
        let seeded = try runAttentionTrace(arguments + ["--model", "seeded"])
        #expect(seeded.status == 0, "\(seeded.standardError)")
        #expect(seeded.standardOutput.hasPrefix("# Attention compared: global, additive"))
    }

    @Test func aBadCheckpointIsOneLineNamingTheFile() throws {
        let directory = try makeTemporaryDirectory()
        try Data("not a checkpoint".utf8).write(to: directory.appendingPathComponent("text.safetensors"))
        let header = Data(#"{"__metadata__":{"format":"attention-trace/rnnsearch/1"}}"#.utf8)
        let length = withUnsafeBytes(of: UInt64(header.count).littleEndian) { Data($0) }
        try (length + header).write(to: directory.appendingPathComponent("empty.safetensors"))
        for (file, message) in [
            ("text.safetensors", "Error: text.safetensors: not a safetensors checkpoint: truncated header: it announces "),
            ("empty.safetensors", "Error: empty.safetensors: metadata 'configuration' is missing\n"),
            ("absent.safetensors", "Error: cannot read 'absent.safetensors': no such file or directory\n"),
        ] {
            let result = try runAttentionTrace(["trace", "--source", "the zoo", "--model", file, "--output", "out.html"],
                                               in: directory)
            #expect(result.status != 0 && result.status < 128)
            #expect(result.standardError.hasPrefix(message), "\(result.standardError)")
            #expect(result.standardError.split(separator: "\n").count == 1)
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out.html").path))
        }
    }
}
