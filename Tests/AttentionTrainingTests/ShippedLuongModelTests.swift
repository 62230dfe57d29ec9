import AttentionCorpus
import AttentionEngine
import AttentionMath
import AttentionModels
import AttentionTraining
import Testing
import TestSupport

/// The shipped Luong models: RNNsearch's decoder with Luong et al.'s general score `s W_a hᵀ` or dot
/// score `s · h`, trained by the same trainer on the cross-entropy alone (`Docs/models/rnnsearch.md`).
@Suite struct ShippedLuongModelTests {
    @Test(arguments: [ModelConfiguration.Score.general, .dot])
    func alignsTheReadmeSentenceAsTheAdditiveModelDoes(_ score: ModelConfiguration.Score) throws {
        let (model, record) = try Checkpoint.shippedModel(score: score)
        #expect(model.configuration.score == score)
        #expect(model.parameters.fields.map(\.name).contains("W_a") == (score == .general))
        #expect(record?.options.alignmentWeight == 0)
        let source = ["the", "man", "who", "visited", "the", "zoo", "yesterday"]
        let target = ["l'", "homme", "qui", "a", "visité", "le", "zoo", "hier"]
        let argmax = try model.attention(source: source, target: target).rowArgmax()
        #expect(Array(argmax.prefix(target.count)) == [0, 1, 2, 3, 3, 4, 5, 6])
        #expect(try model.translate(source).words == target)
        let cat = try model.attention(source: ["the", "black", "cat"], target: ["le", "chat", "noir"]).rowArgmax()
        #expect(Array(cat.prefix(3)) == [0, 2, 1])
    }

    @Test(arguments: [ModelConfiguration.Score.general, .dot])
    func translatesAndAlignsTheHeldOutSplit(_ score: ModelConfiguration.Score) throws {
        let (model, record) = try Checkpoint.shippedModel(score: score)
        let training = try #require(record)
        let corpus = try training.corpus()
        let evaluation = try Evaluation(of: model, on: Array(corpus.heldOut.prefix(50)))
        #expect(evaluation.alignmentHitRate >= 0.9)
        #expect(evaluation.exactMatchRate >= 0.9)
    }

    /// The engine's `general` and `dot` traces of the shipped models, word by word, give the trainer's
    /// teacher-forced attention: the score step, s_{t−1} W_a h_iᵀ or s_{t−1} · h_i, is the same equation in both.
    @Test(arguments: [(ModelConfiguration.Score.general, Variant.general), (.dot, .dot)])
    func theEngineTracesTheTrainersAttention(_ score: ModelConfiguration.Score, _ variant: Variant) throws {
        let (model, _) = try Checkpoint.shippedModel(score: score)
        let source = "the black cat", target = "le chat noir"
        let trace = try AttentionTracer().trace(TraceRequest(variant: variant, source: source, target: target))
        #expect(trace.options["parameters"] == "model:rnnsearch-\(score.rawValue).safetensors")
        let weights = try #require(trace.result["weights"]?.values)
        let expected = try model.attention(source: ["the", "black", "cat"], target: ["le", "chat", "noir"]).rows(0..<3)
        #expect(maxAbsoluteDifference(weights.scalars, expected.scalars) <= 1e-12)
    }
}
