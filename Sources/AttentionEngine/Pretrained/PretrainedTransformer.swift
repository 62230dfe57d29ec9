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
    /// Whether a position attends only to itself and the positions before it (a decoder).
    var isCausal: Bool { get }

    /// The tokens of `sentence` as the model reads it, with their ids.
    ///
    /// - Throws: ``TraceError/emptySentence(side:)`` when there is nothing to attend over, or an
    ///   error of the tokenizer's, such as a piece its vocabulary does not list.
    func tokens(of sentence: String) throws -> [(text: String, id: Int)]

    /// The input of layer `layer`'s attention for the tokens `ids`, one row per token, and a
    /// sentence saying how it was computed (`the embeddings of the word pieces and layer 0`).
    ///
    /// - Throws: An error of the checkpoint's, such as a sentence longer than its positions.
    func attentionInput(ofLayer layer: Int, ids: [Int]) throws -> (value: Matrix, origin: String)

    /// The hidden states computed before layer `layer`'s attention that ``attentionInput(ofLayer:ids:)``
    /// does not already return, oldest first, each with a key (`embeddings`, `h0`), a symbol and a
    /// description: what the page shows of the layers before.
    ///
    /// - Throws: As ``attentionInput(ofLayer:ids:)``.
    func hiddenStates(beforeLayer layer: Int, ids: [Int]) throws -> [(key: String, symbol: String, description: String, value: Matrix)]

    /// Layer `layer`'s projections, `W_Q`, `W_K`, `W_V`, `W_O` (d × d, in the trace's `x W` layout)
    /// and their biases `b_Q` … `b_O` (1 × d), each with the checkpoint tensor it came from
    /// (`tensor 'encoder.layer.1.attention.self.query.weight' transposed`).
    func attentionParameters(ofLayer layer: Int) -> [String: (value: Matrix, source: String)]

    /// Every head's attention weights of every layer for the tokens `ids`: `[layer][head]`, n × n each.
    ///
    /// - Throws: As ``attentionInput(ofLayer:ids:)``.
    func attentionWeights(ids: [Int]) throws -> [[Matrix]]
}
