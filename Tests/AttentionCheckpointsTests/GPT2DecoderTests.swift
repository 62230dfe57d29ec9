import AttentionCheckpoints
import AttentionMath
import Foundation
import Testing
import TestSupport

@Suite struct GPT2DecoderTests {
    static func largestDifference(_ matrix: Matrix, _ expected: [[Double]]) -> Double {
        #expect(matrix.shape == [expected.count, expected.first?.count ?? 0])
        return maxAbsoluteDifference(matrix.scalars, expected.flatMap { $0 })
    }

    /// A random 2-layer, 2-head, width-8 GPT2Model saved in F32: every hidden state, attention probability,
    /// attention input `ln_1(h)` and projected attention output agrees with `transformers` in float64 to 1e-10.
    @Test func tinyGPT2AgreesWithTransformers() throws {
        let model = try GPT2Model(folder: Fixtures.url("tiny-gpt2"))
        let references = try Fixtures.decode([DecoderReference].self, from: "tiny-gpt2-reference.json")
        #expect(references.count == 4)
        for reference in references {
            #expect(try model.tokenizer.encode(reference.sentence).map(\.id) == reference.ids)
            let (states, layers) = try model.decoder.encode(reference.ids)
            #expect(states.count == 3 && layers.count == 2)
            var largest = 0.0
            for (state, expected) in zip(states, reference.hiddenStates) {
                largest = max(largest, Self.largestDifference(state, expected))
            }
            for (index, layer) in layers.enumerated() {
                #expect(layer.heads.count == 2)
                for (head, probabilities) in zip(layer.heads, reference.attentions[index]) {
                    largest = max(largest, Self.largestDifference(head.weights, probabilities))
                }
                largest = max(largest, Self.largestDifference(layer.attentionInput, reference.attentionInputs[index]))
                largest = max(largest, Self.largestDifference(layer.attentionOutput, reference.attentionOutputs[index]))
            }
            #expect(largest <= 1e-10, "\(reference.sentence): largest difference \(largest)")
        }
    }

    /// The last hidden state is `ln_f` of the last block's output, as `transformers`' `hidden_states` ends;
    /// the others are block outputs as they are, with no LayerNorm.
    @Test func hiddenStatesEndWithTheFinalNorm() throws {
        let decoder = try GPT2Model(folder: Fixtures.url("tiny-gpt2")).decoder
        let (states, layers) = try decoder.encode([262, 267, 302])
        #expect(states[1] == layers[0].hiddenState)
        #expect(states[2] == decoder.finalNorm(layers[1].hiddenState))
        #expect(states[2] != layers[1].hiddenState)
    }

    /// Causal attention: each position's row puts weight exactly 0 on later positions and sums to 1,
    /// and a later token does not change an earlier position's hidden states.
    @Test func attentionIsCausal() throws {
        let model = try GPT2Model(folder: Fixtures.url("tiny-gpt2"))
        let ids = try model.tokenizer.encode("The cat sat on the mat.").map(\.id)
        let (states, layers) = try model.decoder.encode(ids)
        let n = ids.count
        for head in layers.flatMap(\.heads) {
            for i in 0..<n {
                #expect((0..<n).allSatisfy { j in j <= i ? head.weights[i, j] > 0 : head.weights[i, j] == 0 })
                #expect((0..<n).allSatisfy { j in j <= i ? head.scores[i, j].isFinite : head.scores[i, j] == -.infinity })
            }
            #expect(maxAbsoluteDifference(head.weights.rowSums().scalars, Array(repeating: 1, count: n)) < 1e-14)
            #expect(head.weights[0, 0] == 1)
        }
        let (prefixStates, _) = try model.decoder.encode(Array(ids.dropLast()))
        #expect(maxAbsoluteDifference(prefixStates[2].scalars, states[2].rows(0..<(n - 1)).scalars) < 1e-14)
    }

    /// Q, K and V are the column blocks of one `c_attn` product on the attention's input.
    @Test func queriesKeysAndValuesAreTheColumnBlocksOfCAttn() throws {
        let decoder = try GPT2Model(folder: Fixtures.url("tiny-gpt2")).decoder
        let output = decoder.layer(1, on: try decoder.embeddings(of: [5, 200, 17, 300]))
        let weights = decoder.weights.layers[1].queryKeyValue
        let projected = output.attentionInput.multiplied(by: weights.weight).combined(with: weights.bias, .add)
        #expect(output.queries == projected.columns(0..<8))
        #expect(output.keys == projected.columns(8..<16))
        #expect(output.values == projected.columns(16..<24))
    }

    @Test func tooManyTokensOrAnIdOutsideTheVocabularyAreRefused() throws {
        let decoder = try GPT2Model(folder: Fixtures.url("tiny-gpt2")).decoder
        #expect(throws: CheckpointError.tooManyTokens(33, maxPositions: 32)) {
            try decoder.encode(Array(repeating: 5, count: 33))
        }
        #expect(throws: CheckpointError.tokenIDOutOfRange(379, vocabularySize: 379)) {
            try decoder.encode([2, 379, 3])
        }
    }
}
