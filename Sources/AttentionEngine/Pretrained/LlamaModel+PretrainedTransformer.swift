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
        try tokenizer.traceTokens(of: sentence)
    }

    /// X is `input_layernorm` of the previous block's output (of the token embeddings for block 0);
    /// the earlier states are the embeddings and the outputs of blocks 0 … L−1.
    /// Block L itself is not decoded: X needs only its attention norm's scale.
    public func attentionInput(ofLayer layer: Int, ids: [Int]) throws -> PretrainedLayerInput {
        try .preNormDecoder(layer: layer, embeddings: decoder.embeddings(of: ids), description: "the token embeddings",
                            norm: "input_layernorm (RMSNorm)", block: { decoder.layer(try decoder.weights.block($0), on: $1).hiddenState },
                            normalize: { decoder.attentionInput(scale: try decoder.weights.matrix(.attentionNorm, ofBlock: layer), on: $0) })
    }

    /// Only the block's four attention projections are decoded.
    public func attentionParameters(ofLayer layer: Int) throws -> [String: (value: Matrix, source: String)] {
        var parameters: [String: (value: Matrix, source: String)] = [:]
        for (key, part) in [("W_Q", LlamaBlockPart.query), ("W_K", .key), ("W_V", .value), ("W_O", .output)] {
            parameters[key] = (try decoder.weights.matrix(part, ofBlock: layer).transposed, source(layer, part))
        }
        return parameters
    }

    /// Pre-norm: the residual stream, RMSNorm `ffn_norm` of it, and the SwiGLU block (`ffn_gate`,
    /// `ffn_up`, `ffn_down`, transposed), whose output the stream adds.
    /// Only the block's feed-forward tensors and their norm are decoded.
    public func layerTail(ofLayer layer: Int) throws -> LayerTail {
        func parameter(_ part: LlamaBlockPart) throws -> LayerTail.Parameter {
            let value = try decoder.weights.matrix(part, ofBlock: layer)
            return part == .feedForwardNorm ? .init(value: value, note: source(layer, part, transposed: false))
                : .init(value: value.transposed, note: source(layer, part))
        }
        return LayerTail(placement: .preNorm, normalization: .rmsNorm, feedForward: .gated, epsilon: decoder.configuration.rmsNormEpsilon,
                         epsilonKey: decoder.configuration.epsilonKey,
                         residual: .lastPrecomputedState,
                         parameters: ["W_gate": try parameter(.gate), "W_up": try parameter(.up),
                                      "W_down": try parameter(.down), "gamma_2": try parameter(.feedForwardNorm)])
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
