import AttentionCheckpoints
import AttentionMath

/// A BERT-family encoder as ``PretrainedLayer`` traces it: bidirectional attention whose input is
/// the previous layer's hidden state, and `nn.Linear` projections whose `weight` (out × in) is the
/// transpose of the trace's W.
extension BERTModel: PretrainedTransformer {
    public var familyDescription: String { "a pretrained BERT-family encoder" }
    public var layerCount: Int { encoder.configuration.layerCount }
    public var headCount: Int { encoder.configuration.headCount }
    public var width: Int { encoder.configuration.hiddenSize }
    public var attentionOptions: MechanismOptions { MechanismOptions(bias: true) }

    public func tokens(of sentence: String) throws -> [(text: String, id: Int)] {
        let pieces = tokenizer.encode(sentence)
        // [CLS] and [SEP] frame every sentence; without a piece between them there is nothing to attend over.
        guard pieces.count > 2 else { throw TraceError.emptySentence(side: "source") }
        return pieces.map { ($0.text, $0.id) }
    }

    /// X is the previous layer's output (the embeddings for layer 0); the earlier states are the
    /// embeddings and the outputs of layers 0 … L−2.
    public func attentionInput(ofLayer layer: Int, ids: [Int]) throws -> PretrainedLayerInput {
        var state = try encoder.embeddings(of: ids)
        var current = PretrainedLayerInput.HiddenState(key: "embeddings", symbol: "E",
                                                       description: "the embeddings: word, position and type, then LayerNorm",
                                                       value: state)
        var earlier: [PretrainedLayerInput.HiddenState] = []
        for index in 0..<layer {
            earlier.append(current)
            state = encoder.layer(index, on: state).hiddenState
            current = .init(key: "h\(index)", symbol: "h_\(index)", description: "the output of layer \(index)", value: state)
        }
        let origin = layer == 0 ? "the embeddings of the word pieces (word, position and type, then LayerNorm)"
            : "the embeddings of the word pieces and " + (layer == 1 ? "layer 0" : "layers 0–\(layer - 1)")
        return PretrainedLayerInput(value: state, origin: origin, earlierStates: earlier)
    }

    public func attentionParameters(ofLayer layer: Int) -> [String: (value: Matrix, source: String)] {
        let weights = encoder.weights.layers[layer], prefix = "encoder.layer.\(layer).attention."
        var parameters: [String: (value: Matrix, source: String)] = [:]
        for (letter, linear, module) in [("Q", weights.query, "self.query"), ("K", weights.key, "self.key"),
                                         ("V", weights.value, "self.value"), ("O", weights.attentionOutput, "output.dense")] {
            parameters["W_\(letter)"] = (linear.weight.transposed, "tensor '\(prefix)\(module).weight' transposed")
            parameters["b_\(letter)"] = (linear.bias, "tensor '\(prefix)\(module).bias'")
        }
        return parameters
    }

    /// Post-norm: LayerNorm of X + the attention output (`attention.output.LayerNorm`), then the GELU
    /// feed-forward block (`intermediate.dense`, `output.dense`) and LayerNorm of its residual sum
    /// (`output.LayerNorm`).
    public func layerTail(ofLayer layer: Int) -> LayerTail {
        let weights = encoder.weights.layers[layer], prefix = "encoder.layer.\(layer)."
        func linear(_ linear: LinearWeights, _ module: String, _ w: String, _ b: String) -> [String: LayerTail.Parameter] {
            [w: .init(value: linear.weight.transposed, note: "tensor '\(prefix)\(module).weight' transposed"),
             b: .init(value: linear.bias, note: "tensor '\(prefix)\(module).bias'")]
        }
        func norm(_ norm: LayerNormWeights, _ module: String, _ index: Int) -> [String: LayerTail.Parameter] {
            ["gamma_\(index)": .init(value: norm.scale, note: "tensor '\(prefix)\(module).weight'"),
             "beta_\(index)": .init(value: norm.shift, note: "tensor '\(prefix)\(module).bias'")]
        }
        let parameters = [norm(weights.attentionNorm, "attention.output.LayerNorm", 1), linear(weights.intermediate, "intermediate.dense", "W_1", "b_1"),
                          linear(weights.output, "output.dense", "W_2", "b_2"), norm(weights.outputNorm, "output.LayerNorm", 2)]
            .reduce(into: [:]) { $0.merge($1) { first, _ in first } }
        return LayerTail(placement: .postNorm, normalization: .layerNorm, feedForward: .dense(activation: .gelu),
                         epsilon: encoder.configuration.layerNormEpsilon, epsilonKey: "layer_norm_eps", residual: .attentionInput,
                         parameters: parameters)
    }

    public func attentionWeights(ids: [Int]) throws -> [[Matrix]] {
        try encoder.encode(ids).layers.map { $0.heads.map(\.weights) }
    }
}
