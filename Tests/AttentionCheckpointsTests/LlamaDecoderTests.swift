@testable import AttentionCheckpoints
import AttentionMath
import Foundation
import Testing
import TestSupport

/// One sentence of `tiny-llama-reference.json` (or of SmolLM2's): the tokenizer's ids and pieces, and
/// `transformers`' float64 outputs of `LlamaModel` read from the GGUF file.
struct LlamaReference: Decodable {
    var sentence: String
    var ids: [Int]
    var tokens: [String]?
    /// Each block's attention probabilities: heads × n × n.
    var attentions: [[[[Double]]]]
    /// The embeddings, the outputs of blocks 0 … layers − 2, and the last block's output after the final norm.
    var hiddenStates: [[[Double]]]
}

@Suite struct LlamaDecoderTests {
    let model: LlamaModel
    let references: [LlamaReference]

    init() throws {
        model = try LlamaModel(contentsOf: Fixtures.url("tiny-llama.gguf"))
        struct File: Decodable { var cases: [LlamaReference] }
        references = try Fixtures.decode(File.self, from: "tiny-llama-reference.json").cases
    }

    @Test func configurationComesFromTheLlamaMetadata() {
        let configuration = model.decoder.configuration
        #expect(configuration.layerCount == 2 && configuration.hiddenSize == 32 && configuration.intermediateSize == 64)
        #expect(configuration.headCount == 4 && configuration.keyValueHeadCount == 2 && configuration.headWidth == 8)
        #expect(configuration.ropeBase == 500 && configuration.contextLength == 64)
        #expect(configuration.rmsNormEpsilon == Double(Float(1e-5)))
        #expect(model.decoder.weights.vocabularySize == model.tokenizer.ids.count)
        #expect(model.tokenizer.splitting == .digitsFirst)
    }

    /// The tokenizer `tokenizers` trained, with SmolLM2's pre-tokenizer: the same ids and pieces. The
    /// fixture has merges of digits ("1 9", "Ġ 1") that only a tokenizer without the digit split applies.
    @Test func tokenizerAgreesWithTokenizers() throws {
        #expect(references.count == 4)
        for reference in references {
            let tokens = try model.tokenizer.encode(reference.sentence)
            #expect(tokens.map(\.id) == reference.ids, "\(reference.sentence)")
            #expect(tokens.map(\.text) == reference.tokens)
        }
        #expect(model.tokenizer.words(in: "in 1992, ok") == ["in", " ", "1", "9", "9", "2", ",", " ok"])
    }

    /// Every hidden state and attention probability agrees with `transformers` (in float64, reading the same
    /// GGUF file: layer 0 F32, layer 1 Q8_0, F16 and Q4_1) to 1e-10. The fixture's Q and K rows are stored
    /// permuted as llama.cpp's converter stores them, so this also checks that they are put back.
    @Test func tinyLlamaAgreesWithTransformers() throws {
        for reference in references {
            let (states, layers) = try model.decoder.encode(reference.ids)
            #expect(states.count == 3 && layers.count == 2)
            var largest = 0.0
            for (state, expected) in zip(states, reference.hiddenStates) {
                #expect(state.shape == [expected.count, 32])
                largest = max(largest, maxAbsoluteDifference(state.scalars, expected.flatMap { $0 }))
            }
            for (layer, expected) in zip(layers, reference.attentions) {
                #expect(layer.heads.count == 4)
                for (head, probabilities) in zip(layer.heads, expected) {
                    largest = max(largest, maxAbsoluteDifference(head.weights.scalars, probabilities.flatMap { $0 }))
                }
            }
            #expect(largest <= 1e-10, "\(reference.sentence): largest difference \(largest)")
        }
    }

    /// Query heads 0 and 1 share key head 0, heads 2 and 3 key head 1: K has kv · d_k = 16 columns.
    @Test func queryHeadsShareKeyAndValueHeads() throws {
        let layer = try #require(try model.decoder.encode(references[0].ids).layers.first)
        #expect(layer.queries.columns == 32 && layer.keys.columns == 16 && layer.values.columns == 16)
        #expect(layer.heads.allSatisfy { $0.weights.rows == references[0].ids.count })
    }

    /// Rows of a Q8_0 and of an F32 matrix decode on their own as they do within the whole tensor.
    @Test func chosenRowsDecodeAsTheWholeTensor() throws {
        let file = try GGUFFile(contentsOf: Fixtures.url("tiny-llama.gguf"))
        for name in ["blk.1.attn_q.weight", "token_embd.weight"] {
            let info = try file.tensor(named: name), whole = try file.values(of: name), width = info.shape[1]
            #expect(try file.values(of: name, rows: [3, 0]) == Array(whole[(3 * width)..<(4 * width)] + whole[0..<width]), "\(name)")
        }
        #expect(try file.tensor(named: "blk.1.attn_q.weight").type == .q8_0)
    }

    /// llama.cpp stores a head's row (half h, index i) at 2i + h; putting them back is the inverse.
    @Test func rotaryPermutationIsUndone() {
        let stored = Matrix(rows: 8, columns: 1) { i, _ in Double(i) }
        let restored = LlamaWeights.undoingRotaryPermutation(of: stored, headWidth: 4)
        #expect(restored.scalars == [0, 2, 1, 3, 4, 6, 5, 7])
    }
}

/// The same tiny model as a Hugging Face folder (`make_llama_fixtures.py`): `config.json`, F32
/// `model.safetensors` in `transformers`' names and order, and `tokenizer.json` only.
@Suite struct LlamaFolderTests {
    let model: LlamaModel

    init() throws {
        model = try LlamaModel(folder: Fixtures.url("tiny-llama"))
    }

    @Test func theConfigurationAndTokenizerComeFromTheFolder() {
        let configuration = model.decoder.configuration
        #expect(configuration.layerCount == 2 && configuration.headCount == 4 && configuration.keyValueHeadCount == 2)
        #expect(configuration.ropeBase == 500 && configuration.rmsNormEpsilon == 1e-5 && configuration.epsilonKey == "rms_norm_eps")
        #expect(!model.decoder.weights.storesPermutedRotaryRows)
        #expect(model.decoder.weights.name(of: .block(1, .key)) == "model.layers.1.self_attn.k_proj.weight")
        #expect(model.tokenizer.splitting == .digitsFirst)
    }

    /// Every hidden state and attention probability agrees with `transformers` reading the folder in float64.
    @Test func tinyLlamaFolderAgreesWithTransformers() throws {
        struct File: Decodable { var cases: [LlamaReference] }
        let references = try Fixtures.decode(File.self, from: "tiny-llama-folder-reference.json").cases
        #expect(references.count == 4)
        for reference in references {
            #expect(try model.tokenizer.encode(reference.sentence).map(\.id) == reference.ids)
            let (states, layers) = try model.decoder.encode(reference.ids)
            var largest = 0.0
            for (state, expected) in zip(states, reference.hiddenStates) {
                largest = max(largest, maxAbsoluteDifference(state.scalars, expected.flatMap { $0 }))
            }
            for (layer, expected) in zip(layers, reference.attentions) {
                for (head, probabilities) in zip(layer.heads, expected) {
                    largest = max(largest, maxAbsoluteDifference(head.weights.scalars, probabilities.flatMap { $0 }))
                }
            }
            #expect(largest <= 1e-10, "\(reference.sentence): largest difference \(largest)")
        }
    }

    /// A copy of the folder with `config.json` edited by `edit`.
    private func refusal(_ edit: (inout [String: Any]) -> Void) throws -> String {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("tiny-llama-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Fixtures.url("tiny-llama"), to: copy)
        defer { try? FileManager.default.removeItem(at: copy) }
        let configURL = copy.appendingPathComponent("config.json")
        var fields = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: configURL)) as? [String: Any])
        edit(&fields)
        try JSONSerialization.data(withJSONObject: fields).write(to: configURL)
        do {
            _ = try LlamaModel(folder: copy)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func aConfigurationThisReaderCannotComputeIsRefusedByKey() throws {
        #expect(try refusal { $0["num_key_value_head"] = 2 }
            == "config.json: unknown key 'num_key_value_head' (did you mean 'num_key_value_heads'?)")
        #expect(try refusal { $0["rope_scaling"] = ["rope_type": "llama3", "factor": 8] }.hasPrefix(
            "config.json: key 'rope_scaling' should be null (scaled RoPE frequencies are not read)"))
        #expect(try refusal { $0["hidden_act"] = "gelu" } == "config.json: key 'hidden_act' should be \"silu\", found gelu")
        #expect(try refusal { $0["num_key_value_heads"] = 3 }
            == "config.json: key 'num_key_value_heads' should be a divisor of num_attention_heads 4, found 3")
        // transformers 4 writes the base at the top.
        #expect(try refusal { $0["rope_parameters"] = nil; $0["rope_theta"] = 500.0 } == "no error")
    }
}
