import AttentionCheckpoints
import AttentionMath

/// A GPT-2-family decoder as ``PretrainedLayer`` traces it: causal attention whose input is
/// `ln_1` of the previous block's hidden state, and Conv1D projections already in the trace's
/// `x W + b` layout, with Q, K and V the three column blocks of `c_attn`.
extension GPT2Model: PretrainedTransformer {
    public var familyDescription: String { "a pretrained GPT-2-family decoder" }
    public var layerCount: Int { decoder.configuration.layerCount }
    public var headCount: Int { decoder.configuration.headCount }
    public var width: Int { decoder.configuration.hiddenSize }
    public var attentionOptions: MechanismOptions { MechanismOptions(causal: true, bias: true) }

    public func tokens(of sentence: String) throws -> [(text: String, id: Int)] {
        try tokenizer.traceTokens(of: sentence)
    }

    /// X is `ln_1` of the previous block's output (of the embeddings for block 0); the earlier
    /// states are the embeddings and the outputs of blocks 0 … L−1.
    public func attentionInput(ofLayer layer: Int, ids: [Int]) throws -> PretrainedLayerInput {
        try .preNormDecoder(layer: layer, embeddings: decoder.embeddings(of: ids), description: "the token and position embeddings",
                            norm: "ln_1", block: { decoder.layer($0, on: $1).hiddenState },
                            normalize: { decoder.attentionInput(layer, on: $0) })
    }

    public func attentionParameters(ofLayer layer: Int) -> [String: (value: Matrix, source: String)] {
        let weights = decoder.weights.layers[layer], d = width, prefix = "h.\(layer).attn."
        var parameters: [String: (value: Matrix, source: String)] = [:]
        for (k, letter) in ["Q", "K", "V"].enumerated() {
            let columns = (k * d)..<((k + 1) * d), range = "columns \(columns.lowerBound)–\(columns.upperBound - 1)"
            parameters["W_\(letter)"] = (weights.queryKeyValue.weight.columns(columns), "tensor '\(prefix)c_attn.weight', \(range)")
            parameters["b_\(letter)"] = (weights.queryKeyValue.bias.columns(columns), "tensor '\(prefix)c_attn.bias', \(range)")
        }
        parameters["W_O"] = (weights.attentionOutput.weight, "tensor '\(prefix)c_proj.weight'")
        parameters["b_O"] = (weights.attentionOutput.bias, "tensor '\(prefix)c_proj.bias'")
        return parameters
    }

    /// Pre-norm: X + … is the residual stream; `ln_2` of it feeds the `gelu_new` block
    /// (`mlp.c_fc`, `mlp.c_proj`, Conv1D weights as stored), whose output the stream adds.
    public func layerTail(ofLayer layer: Int) -> LayerTail {
        let weights = decoder.weights.layers[layer], prefix = "h.\(layer)."
        let parameters: [String: LayerTail.Parameter] = [
            "W_1": .init(value: weights.intermediate.weight, note: "tensor '\(prefix)mlp.c_fc.weight'"),
            "b_1": .init(value: weights.intermediate.bias, note: "tensor '\(prefix)mlp.c_fc.bias'"),
            "W_2": .init(value: weights.output.weight, note: "tensor '\(prefix)mlp.c_proj.weight'"),
            "b_2": .init(value: weights.output.bias, note: "tensor '\(prefix)mlp.c_proj.bias'"),
            "gamma_2": .init(value: weights.feedForwardNorm.scale, note: "tensor '\(prefix)ln_2.weight'"),
            "beta_2": .init(value: weights.feedForwardNorm.shift, note: "tensor '\(prefix)ln_2.bias'"),
        ]
        return LayerTail(placement: .preNorm, normalization: .layerNorm, feedForward: .dense(activation: .geluTanh),
                         epsilon: decoder.configuration.layerNormEpsilon, epsilonKey: "layer_norm_epsilon",
                         residual: .lastPrecomputedState, parameters: parameters)
    }

    public func attentionWeights(ids: [Int]) throws -> [[Matrix]] {
        try decoder.encode(ids).layers.map { $0.heads.map(\.weights) }
    }
}
