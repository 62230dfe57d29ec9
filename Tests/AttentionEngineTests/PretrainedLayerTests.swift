import AttentionCheckpoints
import AttentionEngine
import AttentionMath
import AttentionTrace
import Foundation
import Testing
import TestSupport

/// A pretrained BERT layer traced through the engine (issue 15): the tiny random `BertModel` that
/// `Tests/AttentionCheckpointsTests/Fixtures/make_bert_fixtures.py` saved, whose attention
/// probabilities `transformers` computed in float64.
@Suite struct PretrainedLayerTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("AttentionCheckpointsTests/Fixtures")

    /// `tiny-bert-reference.json`, read without the checkpoint tests' types: each sentence's attentions.
    struct Reference: Decodable {
        var sentence: String
        /// Each layer's attention probabilities: heads × n × n.
        var attentions: [[[[Double]]]]
    }

    let model: BERTModel
    let references: [Reference]

    init() throws {
        model = try BERTModel(folder: Self.fixtures.appendingPathComponent("tiny-bert"))
        references = try JSONDecoder().decode([Reference].self,
                                              from: Data(contentsOf: Self.fixtures.appendingPathComponent("tiny-bert-reference.json")))
    }

    private func trace(_ sentence: String, layer: Int, head: Int? = nil) throws -> Trace {
        let spec = try PretrainedLayer(model: model, name: "tiny-bert", sentence: sentence, layer: layer, head: head).spec
        return try AttentionTracer().trace(TraceRequest(spec: spec, recording: .full))
    }

    @Test func everyHeadOfEveryLayerAgreesWithTransformers() throws {
        #expect(references.count == 4)
        for reference in references {
            for layer in 0..<2 {
                let weights = try #require(try trace(reference.sentence, layer: layer).result["weights"]?.values)
                let expected = reference.attentions[layer]
                #expect(weights.shape == [2, expected[0].count, expected[0].count])
                #expect(maxAbsoluteDifference(weights.scalars, expected.flatMap { $0.flatMap { $0 } }) <= 1e-10,
                        "layer \(layer) of '\(reference.sentence)'")
            }
        }
    }

    /// all-MiniLM-L6-v2 itself, when `ATTENTION_TRACE_MINILM` names its folder (never committed; see
    /// Docs/models/bert.md): every layer's traced weights against `transformers` in float64.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["ATTENTION_TRACE_MINILM"] != nil))
    func everyLayerOfMiniLMAgreesWithTransformers() throws {
        struct States: Decodable { var hiddenStates: [[[Double]]] }
        let folder = URL(fileURLWithPath: try #require(ProcessInfo.processInfo.environment["ATTENTION_TRACE_MINILM"]))
        let miniLM = try BERTModel(folder: folder)
        let file = try Data(contentsOf: folder.appendingPathComponent("attention-trace-reference.json"))
        let references = try JSONDecoder().decode([Reference].self, from: file)
        let states = try JSONDecoder().decode([States].self, from: file)
        for (reference, expected) in zip(references, states) {
            for layer in 0..<6 {
                let spec = try PretrainedLayer(model: miniLM, name: "all-MiniLM-L6-v2", sentence: reference.sentence,
                                               layer: layer, head: nil).spec
                let trace = try AttentionTracer().trace(TraceRequest(spec: spec, recording: .full))
                let weights = try #require(trace.result["weights"]?.values)
                let difference = maxAbsoluteDifference(weights.scalars, reference.attentions[layer].flatMap { $0.flatMap { $0 } })
                // The layer's output, after the traced residuals, LayerNorms and feed-forward block.
                let output = try #require(trace.tensor("norm2.output")?.values)
                let outputDifference = maxAbsoluteDifference(output.scalars, expected.hiddenStates[layer + 1].flatMap { $0 })
                print("MiniLM layer \(layer), '\(reference.sentence)': largest difference \(difference), layer output \(outputDifference)")
                #expect(difference <= 1e-9 && outputDifference <= 1e-9)
            }
        }
    }

    /// The rest of the layer, traced after the attention (residual, LayerNorm, GELU feed-forward, residual,
    /// LayerNorm), ends in the layer's output hidden state as `transformers` computes it.
    @Test func theRestOfTheLayerEndsInTransformersHiddenState() throws {
        struct States: Decodable { var hiddenStates: [[[Double]]] }
        let states = try JSONDecoder().decode([States].self, from: Data(
            contentsOf: Self.fixtures.appendingPathComponent("tiny-bert-reference.json")))
        for (reference, expected) in zip(references, states) {
            for layer in 0..<2 {
                let trace = try trace(reference.sentence, layer: layer)
                #expect(Array(trace.steps.map(\.id).suffix(5)) == ["residual", "norm1", "ffn", "residual2", "norm2"])
                let output = try #require(trace.tensor("norm2.output")?.values)
                #expect(maxAbsoluteDifference(output.scalars, expected.hiddenStates[layer + 1].flatMap { $0 }) <= 1e-10,
                        "layer \(layer) of '\(reference.sentence)'")
            }
        }
        #expect(try trace(references[0].sentence, layer: 1, head: 0).steps.allSatisfy { $0.id != "residual" },
                "one head's trace has no layer output to continue to")
    }

    @Test func theOutputIsTheAttentionBlocksProjectionBeforeTheResidual() throws {
        let sentence = references[1].sentence
        let ids = model.tokenizer.encode(sentence).map(\.id)
        let (states, layers) = try model.encoder.encode(ids)
        let output = try #require(try trace(sentence, layer: 1).result["output"]?.values)
        let expected = model.encoder.weights.layers[1].attentionOutput(layers[1].context)
        #expect(output.shape == expected.shape)
        #expect(maxAbsoluteDifference(output.scalars, expected.scalars) <= 1e-12)
        // One head: its weights and its context, the head's columns of the concatenated contexts.
        let head = try trace(sentence, layer: 1, head: 1)
        let weights = try #require(head.result["weights"]?.values)
        #expect(maxAbsoluteDifference(weights.scalars, layers[1].heads[1].weights.scalars) <= 1e-12)
        let context = try #require(head.result["output"]?.values)
        #expect(maxAbsoluteDifference(context.scalars, layers[1].context.columns(4..<8).scalars) <= 1e-12)
        // X is the hidden state entering the layer: layer 0's output.
        let x = try #require(head.inputs["X"])
        #expect(maxAbsoluteDifference(x.scalars, states[1].scalars) <= 1e-12)
    }

    @Test func theTraceSaysWhereEveryTensorCameFrom() throws {
        let trace = try trace("the cat sat", layer: 1, head: 0)
        #expect(trace.variant == "self")
        #expect(trace.sourceTokens == ["[CLS]", "the", "cat", "sat", "[SEP]"])
        #expect(trace.options["parameters"] == "checkpoint")
        #expect(trace.options["model"] == "checkpoint tiny-bert (a pretrained BERT-family encoder), layer 1 of 2, head 0 of 2")
        let notes = Dictionary(uniqueKeysWithValues: trace.steps.flatMap(\.tensors).filter { $0.provenance.operands.isEmpty }
            .map { ($0.id, $0.provenance.note ?? "") })
        #expect(notes["W_Q"] == "checkpoint tiny-bert, tensor 'encoder.layer.1.attention.self.query.weight' transposed, of which columns 0–3 (head 0)")
        #expect(notes["b_V"] == "checkpoint tiny-bert, tensor 'encoder.layer.1.attention.self.value.bias', of which columns 0–3 (head 0)")
        #expect(notes["X"]?.hasPrefix("the hidden state entering layer 1 of tiny-bert: the embeddings of the word pieces and layer 0, computed") == true)
    }

    @Test func theLayersBeforeAreRecordedForThePageAndExplain() throws {
        let sentence = references[0].sentence
        let (states, _) = try model.encoder.encode(model.tokenizer.encode(sentence).map(\.id))
        let trace = try trace(sentence, layer: 1)
        let before = try #require(trace.steps.first { $0.id == "before" })
        // Layer 1 reads layer 0's output as X; the step before holds what came before it: the embeddings.
        #expect(before.tensors.map(\.id) == ["before.embeddings"])
        let embeddings = try #require(before.tensors.first?.values)
        #expect(maxAbsoluteDifference(embeddings.scalars, states[0].scalars) == 0)
        #expect(before.tensors.first?.provenance.note
                    == "checkpoint tiny-bert: the embeddings: word, position and type, then LayerNorm, computed in float64")
        #expect(try self.trace(sentence, layer: 0).steps.allSatisfy { $0.id != "before" })
    }

    @Test func aLayerOrHeadTheModelDoesNotHaveIsRefused() {
        #expect(throws: TraceError.pretrainedIndexOutOfRange("layer", index: 2, count: 2, model: "tiny-bert")) {
            try trace("the cat", layer: 2)
        }
        #expect(throws: TraceError.pretrainedIndexOutOfRange("head", index: -1, count: 2, model: "tiny-bert")) {
            try trace("the cat", layer: 0, head: -1)
        }
        #expect(throws: TraceError.emptySentence(side: "source")) { try trace("  ", layer: 0) }
        #expect("\(TraceError.pretrainedIndexOutOfRange("layer", index: 2, count: 2, model: "tiny-bert"))"
                    == "layer 2 is out of range: tiny-bert has layers 0 to 1")
    }
}

/// A pretrained GPT-2 block traced through the engine: the tiny random `GPT2Model` of
/// `make_gpt2_fixtures.py`, whose attentions, attention inputs ln_1(h) and c_proj outputs
/// `transformers` computed in float64.
@Suite struct PretrainedGPT2LayerTests {
    struct Reference: Decodable {
        var sentence: String
        /// Each block's attention probabilities: heads × n × n.
        var attentions: [[[[Double]]]]
        /// Each block's ln_1(h), n × d.
        var attentionInputs: [[[Double]]]
        /// Each block's c_proj output before the residual, n × d.
        var attentionOutputs: [[[Double]]]
    }

    let model: GPT2Model
    let references: [Reference]

    init() throws {
        model = try GPT2Model(folder: PretrainedLayerTests.fixtures.appendingPathComponent("tiny-gpt2"))
        references = try JSONDecoder().decode([Reference].self, from: Data(
            contentsOf: PretrainedLayerTests.fixtures.appendingPathComponent("tiny-gpt2-reference.json")))
    }

    @Test func everyBlockAgreesWithTransformers() throws {
        #expect(references.count == 4)
        for reference in references {
            for layer in 0..<2 {
                let spec = try PretrainedLayer(model: model, name: "tiny-gpt2", sentence: reference.sentence, layer: layer, head: nil).spec
                #expect(spec.options.causal == true && spec.options.bias == true)
                let trace = try AttentionTracer().trace(TraceRequest(spec: spec, recording: .full))
                let weights = try #require(trace.result["weights"]?.values)
                #expect(maxAbsoluteDifference(weights.scalars, reference.attentions[layer].flatMap { $0.flatMap { $0 } }) <= 1e-10,
                        "block \(layer) of '\(reference.sentence)'")
                let output = try #require(trace.result["output"]?.values)
                #expect(maxAbsoluteDifference(output.scalars, reference.attentionOutputs[layer].flatMap { $0 }) <= 1e-10)
                let x = try #require(trace.inputs["X"])
                #expect(maxAbsoluteDifference(x.scalars, reference.attentionInputs[layer].flatMap { $0 }) <= 1e-10)
            }
        }
    }

    /// After the attention: h + o, ln_2, the gelu_new block and the residual give block 0's output.
    @Test func theRestOfTheBlockEndsInTransformersHiddenState() throws {
        struct States: Decodable { var hiddenStates: [[[Double]]] }
        let states = try JSONDecoder().decode([States].self, from: Data(
            contentsOf: PretrainedLayerTests.fixtures.appendingPathComponent("tiny-gpt2-reference.json")))
        for (reference, expected) in zip(references, states) {
            let spec = try PretrainedLayer(model: model, name: "tiny-gpt2", sentence: reference.sentence, layer: 0, head: nil).spec
            let trace = try AttentionTracer().trace(TraceRequest(spec: spec, recording: .full))
            #expect(Array(trace.steps.map(\.id).suffix(4)) == ["residual", "norm2", "ffn", "residual2"])
            let output = try #require(trace.tensor("residual2.sum")?.values)
            #expect(maxAbsoluteDifference(output.scalars, expected.hiddenStates[1].flatMap { $0 }) <= 1e-10)
        }
    }

    @Test func theBlocksBeforeAreTheHiddenStatesTransformersReturns() throws {
        struct States: Decodable { var hiddenStates: [[[Double]]] }
        let states = try JSONDecoder().decode([States].self, from: Data(
            contentsOf: PretrainedLayerTests.fixtures.appendingPathComponent("tiny-gpt2-reference.json")))[0].hiddenStates
        let spec = try PretrainedLayer(model: model, name: "tiny-gpt2", sentence: references[0].sentence, layer: 1, head: nil).spec
        let trace = try AttentionTracer().trace(TraceRequest(spec: spec, recording: .full))
        let before = try #require(trace.steps.first { $0.id == "before" })
        #expect(before.tensors.map(\.id) == ["before.embeddings", "before.h0"])
        for (tensor, expected) in zip(before.tensors, states) {
            let values = try #require(tensor.values)
            #expect(maxAbsoluteDifference(values.scalars, expected.flatMap { $0 }) <= 1e-10, "\(tensor.id)")
        }
    }

    @Test func oneHeadIsItsColumnsOfCAttnAndTheNotesSaySo() throws {
        let spec = try PretrainedLayer(model: model, name: "tiny-gpt2", sentence: "The cat sat", layer: 1, head: 1).spec
        #expect(spec.variant == .selfAttention)
        #expect(spec.notes["W_K"] == "checkpoint tiny-gpt2, tensor 'h.1.attn.c_attn.weight', columns 8–15, of which columns 4–7 (head 1)")
        #expect(spec.notes["X"] == "the hidden state entering layer 1 of tiny-gpt2: ln_1 of the embeddings and block 0, computed in float64")
        #expect(spec.checkpoint == "checkpoint tiny-gpt2 (a pretrained GPT-2-family decoder), layer 1 of 2, head 1 of 2")
        #expect(throws: TraceError.emptySentence(side: "source")) {
            try PretrainedLayer(model: model, name: "tiny-gpt2", sentence: "", layer: 0, head: nil)
        }
    }
}

/// A pretrained Llama block traced through the engine: the tiny random `LlamaForCausalLM` of
/// `make_llama_fixtures.py`, a GGUF file with 4 query heads over 2 key and value heads, RoPE base 500
/// and llama.cpp's permuted Q and K rows, whose attentions `transformers` computed in float64.
@Suite struct PretrainedLlamaLayerTests {
    struct Reference: Decodable {
        var sentence: String
        /// Each block's attention probabilities: heads × n × n.
        var attentions: [[[[Double]]]]
        /// The embeddings, then the outputs of blocks 0 … layers − 2 (and the last after the final norm).
        var hiddenStates: [[[Double]]]
    }

    let model: LlamaModel
    let references: [Reference]

    init() throws {
        model = try LlamaModel(contentsOf: PretrainedLayerTests.fixtures.appendingPathComponent("tiny-llama.gguf"))
        struct File: Decodable { var cases: [Reference] }
        references = try JSONDecoder().decode(File.self, from: Data(
            contentsOf: PretrainedLayerTests.fixtures.appendingPathComponent("tiny-llama-reference.json"))).cases
    }

    /// The engine's own RoPE (rotate-half, base 500) and grouped heads on the traced W_Q and W_K give
    /// `transformers`' attention: the rows put back from llama.cpp's order are the ones Hugging Face rotates.
    @Test func everyBlockAgreesWithTransformers() throws {
        #expect(references.count == 4)
        for reference in references {
            for layer in 0..<2 {
                let spec = try PretrainedLayer(model: model, name: "tiny-llama", sentence: reference.sentence, layer: layer, head: nil).spec
                #expect(spec.options.causal == true && spec.options.bias == nil)
                #expect(spec.options.rope == .half && spec.options.ropeBase == 500 && spec.options.kvHeads == 2)
                let trace = try AttentionTracer().trace(TraceRequest(spec: spec, recording: .full))
                let weights = try #require(trace.result["weights"]?.values)
                #expect(maxAbsoluteDifference(weights.scalars, reference.attentions[layer].flatMap { $0.flatMap { $0 } }) <= 1e-10,
                        "block \(layer) of '\(reference.sentence)'")
                #expect(trace.inputs["W_K"]?.shape == [32, 16])
            }
        }
    }

    /// Query head 3 reads key and value head 1 (⌊3 · 2 / 4⌋): its trace takes columns 8–15 of W_K and W_V.
    @Test func oneHeadReadsItsKeyAndValueHead() throws {
        let reference = references[1]
        let spec = try PretrainedLayer(model: model, name: "tiny-llama", sentence: reference.sentence, layer: 1, head: 3).spec
        #expect(spec.variant == .selfAttention && spec.options.kvHeads == nil && spec.options.heads == nil)
        #expect(spec.notes["W_K"] == "checkpoint tiny-llama, tensor 'blk.1.attn_k.weight' with its rows put back from llama.cpp's order, "
            + "transposed, of which columns 8–15 (key and value head 1, which query heads 2–3 share)")
        #expect(spec.notes["W_Q"]?.hasSuffix("of which columns 24–31 (head 3)") == true)
        #expect(spec.notes["X"] == "the hidden state entering layer 1 of tiny-llama: input_layernorm (RMSNorm) of the embeddings and "
            + "block 0, computed in float64")
        let trace = try AttentionTracer().trace(TraceRequest(spec: spec, recording: .full))
        let weights = try #require(trace.result["weights"]?.values)
        #expect(maxAbsoluteDifference(weights.scalars, reference.attentions[1][3].flatMap { $0 }) <= 1e-10)
    }

    /// SmolLM2-135M-Instruct itself, when `ATTENTION_TRACE_SMOLLM2` names its GGUF file (never committed;
    /// see Docs/models/llama.md): the first, a middle and the last layer traced through the engine against
    /// `transformers` in float64 (9 query heads over 3 key and value heads, RoPE base 100000).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["ATTENTION_TRACE_SMOLLM2"] != nil))
    func layersOfSmolLM2AgreeWithTransformers() throws {
        let file = URL(fileURLWithPath: try #require(ProcessInfo.processInfo.environment["ATTENTION_TRACE_SMOLLM2"]))
        let smolLM2 = try LlamaModel(contentsOf: file)
        struct File: Decodable { var cases: [Reference] }
        let references = try JSONDecoder().decode(File.self, from: Data(
            contentsOf: file.deletingLastPathComponent().appendingPathComponent("attention-trace-reference.json"))).cases
        for reference in references {
            for layer in [0, 14, 29] {
                let spec = try PretrainedLayer(model: smolLM2, name: "SmolLM2", sentence: reference.sentence, layer: layer, head: nil).spec
                let trace = try AttentionTracer().trace(TraceRequest(spec: spec, recording: .full))
                let weights = try #require(trace.result["weights"]?.values)
                let difference = maxAbsoluteDifference(weights.scalars, reference.attentions[layer].flatMap { $0.flatMap { $0 } })
                print("SmolLM2 layer \(layer), '\(reference.sentence)': largest difference \(difference)")
                #expect(difference <= 1e-9)
                // transformers' last hidden state is after the final norm; the others are block outputs.
                guard layer < 29 else { continue }
                let output = try #require(trace.tensor("residual2.sum")?.values)
                let expected = reference.hiddenStates[layer + 1].flatMap { $0 }
                let scale = max(1, expected.map(abs).max() ?? 0)
                #expect(maxAbsoluteDifference(output.scalars, expected) / scale <= 1e-9, "layer \(layer)'s output")
            }
        }
    }

    /// After the attention: h + o, RMSNorm, the SwiGLU block and the residual give block 0's output
    /// (block 1's is after the final norm in `transformers`' list).
    @Test func theRestOfTheBlockEndsInTransformersHiddenState() throws {
        for reference in references {
            let spec = try PretrainedLayer(model: model, name: "tiny-llama", sentence: reference.sentence, layer: 0, head: nil).spec
            let trace = try AttentionTracer().trace(TraceRequest(spec: spec, recording: .full))
            #expect(Array(trace.steps.map(\.id).suffix(4)) == ["residual", "norm2", "ffn", "residual2"])
            let output = try #require(trace.tensor("residual2.sum")?.values)
            #expect(maxAbsoluteDifference(output.scalars, reference.hiddenStates[1].flatMap { $0 }) <= 1e-10, "\(reference.sentence)")
            #expect(trace.inputs["W_gate"]?.shape == [32, 64] && trace.inputs["W_down"]?.shape == [64, 32])
        }
    }

    @Test func theBlocksBeforeAreTheHiddenStatesTransformersReturns() throws {
        let spec = try PretrainedLayer(model: model, name: "tiny-llama", sentence: references[0].sentence, layer: 1, head: nil).spec
        let trace = try AttentionTracer().trace(TraceRequest(spec: spec, recording: .full))
        let before = try #require(trace.steps.first { $0.id == "before" })
        #expect(before.tensors.map(\.id) == ["before.embeddings", "before.h0"])
        for (tensor, expected) in zip(before.tensors, references[0].hiddenStates) {
            let values = try #require(tensor.values)
            #expect(maxAbsoluteDifference(values.scalars, expected.flatMap { $0 }) <= 1e-10, "\(tensor.id)")
        }
    }
}
