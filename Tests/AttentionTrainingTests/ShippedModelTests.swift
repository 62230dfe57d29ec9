import AttentionCorpus
import AttentionMath
import AttentionTraining
import Testing

/// The shipped checkpoint meets the quality bars of issue 12 on the corpus it was trained on.
@Suite struct ShippedModelTests {
    @Test func alignsTheReadmeSentenceWordForWord() throws {
        let model = try Checkpoint.shippedModel().model
        let source = ["the", "man", "who", "visited", "the", "zoo", "yesterday"]
        let target = ["l'", "homme", "qui", "a", "visité", "le", "zoo", "hier"]
        let argmax = try model.attention(source: source, target: target).rowArgmax()
        // l'→the, homme→man, qui→who, a→visited, visité→visited, le→the (the second), zoo→zoo, hier→yesterday.
        #expect(Array(argmax.prefix(target.count)) == [0, 1, 2, 3, 3, 4, 5, 6])
        #expect(try model.translate(source).words == target)
    }

    @Test func translatesAndAlignsTheHeldOutSplit() throws {
        let (model, record) = try Checkpoint.shippedModel()
        let training = try #require(record)
        let corpus = try CorpusGenerator(grammar: Grammar.bundled(), seed: training.options.seed)
            .generate(trainCount: training.trainingPairs, heldOutCount: training.heldOutPairs)
        let evaluation = try Evaluation(of: model, on: Array(corpus.heldOut.prefix(50)))
        #expect(evaluation.alignmentHitRate >= 0.9)
        #expect(evaluation.exactMatchRate >= 0.9)
        let recorded = try #require(training.evaluation)
        #expect(recorded.alignmentHitRate >= 0.9 && recorded.exactMatchRate >= 0.9)
    }
}
