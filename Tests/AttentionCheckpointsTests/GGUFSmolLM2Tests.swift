import AttentionCheckpoints
import Foundation
import Testing
import TestSupport

/// The real SmolLM2-135M-Instruct Q4_1 file, when `ATTENTION_TRACE_SMOLLM2` names it; the expected values are
/// gguf-py's (`GGUFReader` and `gguf.quants.dequantize`) on the same file.
@Suite(.enabled(if: Fixtures.smolLM2File != nil)) struct GGUFSmolLM2Tests {
    let file: GGUFFile

    init() throws {
        file = try GGUFFile(contentsOf: try #require(Fixtures.smolLM2File))
    }

    @Test func metadataDescribesALlamaModel() {
        #expect(file.version == 3)
        #expect(file.metadataKeys.count == 33)
        #expect(file.metadata["general.architecture"]?.string == "llama")
        #expect(file.metadata["llama.block_count"]?.integer == 30)
        #expect(file.metadata["llama.embedding_length"]?.integer == 576)
        #expect(file.metadata["llama.feed_forward_length"]?.integer == 1536)
        #expect(file.metadata["llama.attention.head_count"]?.integer == 9)
        #expect(file.metadata["llama.attention.head_count_kv"]?.integer == 3)
        #expect(file.metadata["llama.rope.freq_base"]?.double == 100_000)
        #expect(file.metadata["llama.rope.dimension_count"]?.integer == 64)
        #expect(file.metadata["llama.attention.layer_norm_rms_epsilon"]?.double == Double(Float(1e-5)))
        #expect(file.metadata["llama.context_length"]?.integer == 8192)
        #expect(file.metadata["tokenizer.ggml.model"]?.string == "gpt2")
        #expect(file.metadata["tokenizer.ggml.pre"]?.string == "smollm")
        #expect(file.metadata["tokenizer.ggml.tokens"]?.strings?.count == 49152)
        #expect(file.metadata["tokenizer.ggml.tokens"]?.strings?.prefix(3) == ["<|endoftext|>", "<|im_start|>", "<|im_end|>"])
        #expect(file.metadata["tokenizer.ggml.merges"]?.strings?.count == 48900)
        #expect(file.metadata["tokenizer.ggml.merges"]?.strings?.first == "Ġ t")
        #expect(file.metadata["tokenizer.ggml.bos_token_id"]?.integer == 1)
        #expect(file.metadata["tokenizer.ggml.eos_token_id"]?.integer == 2)
    }

    @Test func tensorsAreQ4_1WithOneQ8_0Embedding() throws {
        #expect(file.alignment == 32)
        #expect(file.dataOffset == 1_785_664)
        #expect(file.tensors.count == 272)
        let types = Dictionary(grouping: file.tensors, by: \.type).mapValues(\.count)
        #expect(types == [.q4_1: 210, .f32: 61, .q8_0: 1])
        #expect(try file.tensor(named: "token_embd.weight").shape == [49152, 576])
        #expect(try file.tensor(named: "blk.0.attn_k.weight").shape == [192, 576])
        #expect(try file.tensor(named: "blk.0.ffn_down.weight").shape == [576, 1536])
        #expect(try file.tensor(named: "blk.0.attn_norm.weight").shape == [576])
    }

    @Test(arguments: [
        ("token_embd.weight", [-0.10654449462890625, 0.032978057861328125, 0.048198699951171875, -0.022830963134765625],
         [-0.11989402770996094, -0.0417022705078125], -15353.04449415207),
        ("blk.0.attn_q.weight", [-0.0963134765625, 0.1573486328125, -0.0963134765625, -0.73046875],
         [-0.14984130859375, -0.255859375], 59.22322082519531),
        ("blk.0.attn_norm.weight", [0.01397705078125, 0.0238037109375, -0.019775390625, -0.0302734375],
         [0.050048828125, -0.038330078125], 0.6129436492919922),
        ("blk.0.ffn_down.weight", [-0.330810546875, 0.3460693359375, 0.0753173828125, -0.4661865234375],
         [-0.0901336669921875, -0.181365966796875], 150.63577270507812),
    ])
    func valuesMatchGGUFPy(name: String, first: [Double], last: [Double], sum: Double) throws {
        let values = try file.values(of: name)
        #expect(Array(values.prefix(4)) == first)
        #expect(Array(values.suffix(2)) == last)
        // numpy sums pairwise, this sequentially: the sums agree to rounding only.
        #expect(abs(values.reduce(0, +) - sum) <= 1e-9 * max(1, abs(sum)))
    }
}

/// SmolLM2-135M-Instruct itself, when `ATTENTION_TRACE_SMOLLM2` names its GGUF file and
/// `make_llama_fixtures.py SMOLLM2_GGUF` has written `attention-trace-reference.json` beside it.
@Suite(.enabled(if: Fixtures.smolLM2Reference != nil)) struct SmolLM2ModelTests {
    struct Reference: Decodable {
        struct Tokenized: Decodable {
            var sentence: String
            var ids: [Int]
        }

        var tokenized: [Tokenized]
        var cases: [LlamaReference]
    }

    let model: LlamaModel
    let reference: Reference

    init() throws {
        model = try LlamaModel(contentsOf: try #require(Fixtures.smolLM2File))
        reference = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: try #require(Fixtures.smolLM2Reference)))
    }

    /// The ids of `tokenizers` with SmolLM2's pre-tokenizer (digits one by one, then byte-level) on 400
    /// lines of this repository's documentation.
    @Test func tokenizerAgreesWithTokenizersOnTheDocumentation() throws {
        #expect(reference.tokenized.count == 400)
        var disagreements: [String] = []
        for line in reference.tokenized where try model.tokenizer.encode(line.sentence).map(\.id) != line.ids {
            disagreements.append(line.sentence)
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) lines differ, the first: \(disagreements.first ?? "")")
    }

    /// Every layer's attention probabilities agree with `transformers` in float64 to 1e-9, and every hidden
    /// state to 1e-9 relative to its largest entry.
    @Test func everyLayerAgreesWithTransformers() throws {
        for expected in reference.cases {
            let (states, layers) = try model.decoder.encode(expected.ids)
            var attention = 0.0, hidden = 0.0
            for (layer, heads) in zip(layers, expected.attentions) {
                for (head, probabilities) in zip(layer.heads, heads) {
                    attention = max(attention, maxAbsoluteDifference(head.weights.scalars, probabilities.flatMap { $0 }))
                }
            }
            for (state, values) in zip(states, expected.hiddenStates) {
                let flat = values.flatMap { $0 }, scale = max(1, flat.map(abs).max() ?? 0)
                hidden = max(hidden, maxAbsoluteDifference(state.scalars, flat) / scale)
            }
            #expect(layers.count == 30 && expected.attentions.count == 30)
            #expect(attention <= 1e-9 && hidden <= 1e-9, "\(expected.sentence): attention \(attention), hidden states \(hidden)")
        }
    }
}
