import AttentionCheckpoints
import AttentionMath

/// A Llama-family decoder as ``PretrainedLayer`` traces it: causal attention with rotate-half RoPE
/// and grouped-query heads, whose input is the RMSNorm `input_layernorm` of the previous block's
/// output, and bias-free `nn.Linear` projections (out × in) whose transposes are the trace's W.
///
/// Q's and K's rows are put back in `transformers`' order when read (``LlamaWeights``), so the
/// traced W_Q and W_K are Hugging Face's `q_proj` and `k_proj` and RoPE pairs entry j with j + d_k/2.
extension LlamaModel: PretrainedTransformer {
    public var familyDescription: String { "a pretrained Llama-family decoder" }
    public var layerCount: Int { decoder.configuration.layerCount }
    public var headCount: Int { decoder.configuration.headCount }
    public var width: Int { decoder.configuration.hiddenSize }
    public var attentionOptions: MechanismOptions {
        MechanismOptions(causal: true, kvHeads: decoder.configuration.keyValueHeadCount, rope: .half,
                         ropeBase: decoder.configuration.ropeBase)
    }

    public func tokens(of sentence: String) throws -> [(text: String, id: Int)] {
        let tokens = try tokenizer.encode(sentence)
        guard !tokens.isEmpty else { throw TraceError.emptySentence(side: "source") }
        return tokens.map { ($0.text, $0.id) }
    }

    /// X is `input_layernorm` of the previous block's output (of the token embeddings for block 0);
    /// the earlier states are the embeddings and the outputs of blocks 0 … L−1.
    public func attentionInput(ofLayer layer: Int, ids: [Int]) throws -> PretrainedLayerInput {
        var state = try decoder.embeddings(of: ids)
        var earlier = [PretrainedLayerInput.HiddenState(key: "embeddings", symbol: "E", description: "the token embeddings",
                                                        value: state)]
        for index in 0..<layer {
            state = decoder.layer(try decoder.weights.block(index), on: state).hiddenState
            earlier.append(.init(key: "h\(index)", symbol: "h_\(index)", description: "the output of block \(index)", value: state))
        }
        let before = layer == 0 ? "the token embeddings"
            : "the embeddings and " + (layer == 1 ? "block 0" : "blocks 0–\(layer - 1)")
        return PretrainedLayerInput(value: decoder.attentionInput(try decoder.weights.block(layer), on: state),
                                    origin: "input_layernorm (RMSNorm) of \(before)", earlierStates: earlier)
    }

    public func attentionParameters(ofLayer layer: Int) throws -> [String: (value: Matrix, source: String)] {
        let block = try decoder.weights.block(layer)
        return ["W_Q": (block.query.transposed, source(layer, .query)), "W_K": (block.key.transposed, source(layer, .key)),
                "W_V": (block.value.transposed, source(layer, .value)), "W_O": (block.output.transposed, source(layer, .output))]
    }

    /// Pre-norm: the residual stream, RMSNorm `ffn_norm` of it, and the SwiGLU block (`ffn_gate`,
    /// `ffn_up`, `ffn_down`, transposed), whose output the stream adds.
    public func layerTail(ofLayer layer: Int) throws -> LayerTail {
        let block = try decoder.weights.block(layer)
        func parameter(_ value: Matrix, _ part: LlamaBlockPart) -> LayerTail.Parameter {
            part == .feedForwardNorm ? .init(value: value, note: source(layer, part, transposed: false))
                : .init(value: value.transposed, note: source(layer, part))
        }
        return LayerTail(placement: .preNorm, normalization: .rmsNorm, feedForward: .gated, epsilon: decoder.configuration.rmsNormEpsilon,
                         epsilonKey: decoder.configuration.epsilonKey,
                         residual: .lastPrecomputedState,
                         parameters: ["W_gate": parameter(block.gate, .gate), "W_up": parameter(block.up, .up),
                                      "W_down": parameter(block.down, .down), "gamma_2": parameter(block.feedForwardNorm, .feedForwardNorm)])
    }

    /// `tensor 'blk.1.attn_k.weight' with its rows put back from llama.cpp's order, transposed`: where a
    /// traced parameter of block `layer` came from.
    private func source(_ layer: Int, _ part: LlamaBlockPart, transposed: Bool = true) -> String {
        let reordered = decoder.weights.storesPermutedRotaryRows && (part == .query || part == .key)
        return "tensor '\(decoder.weights.name(of: .block(layer, part)))'" + (reordered ? " with its rows put back from llama.cpp's order" : "")
            + (transposed ? ", transposed" : "")
    }

    public func attentionWeights(ids: [Int]) throws -> [[Matrix]] {
        try decoder.encode(ids).layers.map { $0.heads.map(\.weights) }
    }
}
