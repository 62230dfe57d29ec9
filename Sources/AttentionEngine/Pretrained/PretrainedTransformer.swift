import AttentionMath

/// What the engine needs of a pretrained transformer to trace one layer's attention: its sizes,
/// its tokenizer, the input of a layer's attention (everything before it computed in float64), and
/// that layer's projections in the trace's layout, `x W + b`.
///
/// ``PretrainedLayer`` turns these into a spec; each family (`BERTModel+PretrainedTransformer.swift`)
/// says where its numbers come from in its own checkpoint's names.
public protocol PretrainedTransformer: Sendable {
    /// How a trace describes the family: `a pretrained BERT-family encoder`.
    var familyDescription: String { get }
    /// The number of layers.
    var layerCount: Int { get }
    /// The number of heads of every layer.
    var headCount: Int { get }
    /// The model width d; every head has d / ``headCount`` columns.
    var width: Int { get }
    /// The options every layer's attention is traced with, besides `heads`: `causal` for a decoder,
    /// `bias` when the projections have biases, `rope` and `rope_base` for rotary positions, and
    /// `kv_heads` for grouped-query heads.
    var attentionOptions: MechanismOptions { get }

    /// The tokens of `sentence` as the model reads it, with their ids.
    ///
    /// - Throws: ``TraceError/emptySentence(side:)`` when there is nothing to attend over, or an
    ///   error of the tokenizer's, such as a piece its vocabulary does not list.
    func tokens(of sentence: String) throws -> [(text: String, id: Int)]

    /// The input of layer `layer`'s attention for the tokens `ids` and the hidden states that led
    /// to it, from one forward pass through the layers before.
    ///
    /// - Throws: An error of the checkpoint's, such as a sentence longer than its positions.
    func attentionInput(ofLayer layer: Int, ids: [Int]) throws -> PretrainedLayerInput

    /// Layer `layer`'s projections, `W_Q`, `W_K`, `W_V`, `W_O` (in the trace's `x W` layout: d × d, and
    /// d × kv_heads · d_k for `W_K` and `W_V` with grouped heads) and their biases `b_Q` … `b_O` (one
    /// row) if it has them, each with the checkpoint tensor it came from
    /// (`tensor 'encoder.layer.1.attention.self.query.weight' transposed`).
    ///
    /// - Throws: An error of the checkpoint's while decoding the tensors.
    func attentionParameters(ofLayer layer: Int) throws -> [String: (value: Matrix, source: String)]

    /// What layer `layer` computes after its attention (residuals, normalisations, feed-forward block),
    /// with its parameters in the trace's `x W` layout, each naming its checkpoint tensor.
    ///
    /// - Throws: An error of the checkpoint's while decoding the tensors.
    func layerTail(ofLayer layer: Int) throws -> LayerTail

    /// Every head's attention weights of every layer for the tokens `ids`: `[layer][head]`, n × n each.
    ///
    /// - Throws: As ``attentionInput(ofLayer:ids:)``.
    func attentionWeights(ids: [Int]) throws -> [[Matrix]]
}

/// What a pretrained model computed before one layer's attention: the attention's input and the
/// hidden states that led to it.
public struct PretrainedLayerInput: Sendable {
    /// One hidden state before the layer, as the page names it.
    public struct HiddenState: Sendable {
        /// The key of its id, `before.<key>`: `embeddings`, `h0`, ….
        public var key: String
        /// Its symbol, such as `h_0`.
        public var symbol: String
        /// What it is, such as `the output of layer 0`.
        public var description: String
        /// One row per token.
        public var value: Matrix
    }

    /// The attention's input X, one row per token.
    public var value: Matrix
    /// How X was computed: `the embeddings of the word pieces and layer 0`.
    public var origin: String
    /// The hidden states before X that X does not already show, oldest first.
    public var earlierStates: [HiddenState]
}
