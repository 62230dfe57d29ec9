import AttentionCheckpoints
import AttentionMath
import Foundation
import SafeTensors
import Testing
import TestSupport

@Suite struct BERTEncoderTests {
    /// The largest difference between our hidden states and attention probabilities and `transformers`'.
    static func largestDifference(_ model: BERTModel, _ reference: EncoderReference) throws -> Double {
        let ids = model.tokenizer.encode(reference.sentence).map(\.id)
        #expect(ids == reference.ids)
        let (states, layers) = try model.encoder.encode(reference.ids)
        #expect(states.count == reference.hiddenStates.count && layers.count == reference.attentions.count)
        var largest = 0.0
        for (state, expected) in zip(states, reference.hiddenStates) {
            #expect(state.shape == [expected.count, expected.first?.count ?? 0])
            largest = max(largest, maxAbsoluteDifference(state.scalars, expected.flatMap { $0 }))
        }
        for (layer, expected) in zip(layers, reference.attentions) {
            #expect(layer.heads.count == expected.count)
            for (head, probabilities) in zip(layer.heads, expected) {
                largest = max(largest, maxAbsoluteDifference(head.weights.scalars, probabilities.flatMap { $0 }))
            }
        }
        return largest
    }

    /// A random 2-layer, 2-head, width-8 BertModel saved in F32: every hidden state and attention
    /// probability agrees with `transformers` in float64 to 1e-10.
    @Test func tinyBERTAgreesWithTransformers() throws {
        let model = try BERTModel(folder: Fixtures.url("tiny-bert"))
        let references = try Fixtures.decode([EncoderReference].self, from: "tiny-bert-reference.json")
        #expect(references.count == 4)
        for reference in references {
            #expect(try Self.largestDifference(model, reference) <= 1e-10, "\(reference.sentence)")
        }
    }

    /// all-MiniLM-L6-v2 itself, when `ATTENTION_TRACE_MINILM` names its folder and the fixture script wrote
    /// `attention-trace-reference.json` there.
    @Test(.enabled(if: Fixtures.miniLMFolder != nil)) func miniLMAgreesWithTransformers() throws {
        let folder = try #require(Fixtures.miniLMFolder)
        let model = try BERTModel(folder: folder)
        let references = try JSONDecoder().decode([EncoderReference].self, from: Data(
            contentsOf: folder.appendingPathComponent("attention-trace-reference.json")))
        for reference in references {
            let difference = try Self.largestDifference(model, reference)
            print("MiniLM, '\(reference.sentence)': largest difference \(difference)")
            #expect(difference <= 1e-9)
        }
    }

    /// The attention probabilities are each row's softmax: non-negative rows summing to 1.
    @Test func attentionRowsAreDistributions() throws {
        let model = try BERTModel(folder: Fixtures.url("tiny-bert"))
        let (_, layers) = try model.encoder.encode(model.tokenizer.encode("the big cat ran").map(\.id))
        for head in layers.flatMap(\.heads) {
            #expect(head.weights.scalars.allSatisfy { $0 >= 0 })
            #expect(maxAbsoluteDifference(head.weights.rowSums().scalars, Array(repeating: 1, count: 6)) < 1e-14)
        }
    }

    @Test func tooManyTokensOrAnIdOutsideTheVocabularyAreRefused() throws {
        let model = try BERTModel(folder: Fixtures.url("tiny-bert"))
        #expect(throws: CheckpointError.tooManyTokens(33, maxPositions: 32)) {
            try model.encoder.encode(Array(repeating: 5, count: 33))
        }
        #expect(throws: CheckpointError.tokenIDOutOfRange(30, vocabularySize: 30)) {
            try model.encoder.encode([2, 30, 3])
        }
    }
}
