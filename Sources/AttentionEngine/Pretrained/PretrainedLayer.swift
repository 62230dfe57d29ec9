import AttentionCheckpoints
import AttentionMath
import AttentionTrace

/// One layer of a pretrained BERT-family encoder, as the engine traces it.
///
/// The embeddings and the layers before `layer` are computed in float64 by ``BERTEncoder``, as
/// `transformers` computes them; the hidden state entering `layer` becomes `X`. The layer's
/// attention becomes a spec with the `bias` option: for `multi-head` with every head and the
/// output projection (`attention.output.dense`), or for `self` with one head's columns of the
/// query, key and value projections and of their biases, without an output projection. PyTorch's
/// `nn.Linear` stores `weight` as out × in, so each W of the spec is that weight transposed.
///
/// What the layer does after attention (the residual, LayerNorm and the feed-forward block) is not
/// traced; `BERTEncoder` computes it for the layers before.
public struct PretrainedLayer: Sendable {
    /// The spec to trace: its variant, tensors with their notes, options and word pieces.
    public let spec: InputSpec

    /// Prepares layer `layer` of `model` (all heads, or only `head`) on `sentence`.
    ///
    /// - Parameters:
    ///   - name: How traces name the model, such as its folder's name `all-MiniLM-L6-v2`.
    /// - Throws: ``TraceError/emptySentence(side:)`` for a sentence without a word piece,
    ///   ``TraceError/pretrainedIndexOutOfRange(_:index:count:model:)`` for a layer or head the
    ///   model does not have, and ``TraceError/unusableCheckpoint(model:reason:)`` for a sentence
    ///   longer than the model's position embeddings.
    public init(model: BERTModel, name: String, sentence: String, layer: Int, head: Int?) throws(TraceError) {
        let configuration = model.encoder.configuration
        try Self.check(layer: layer, head: head, of: model, name: name)
        let pieces = try Self.pieces(of: sentence, model: model)
        let input: Matrix
        do {
            var state = try model.encoder.embeddings(of: pieces.map(\.id))
            for earlier in 0..<layer { state = model.encoder.layer(earlier, on: state).hiddenState }
            input = state
        } catch {
            throw .unusableCheckpoint(model: name, reason: "\(error)")
        }
        let weights = model.encoder.weights.layers[layer]
        let prefix = "encoder.layer.\(layer).attention."
        let columns = head.map { j in (j * configuration.headSize)..<((j + 1) * configuration.headSize) }
            ?? 0..<configuration.hiddenSize
        var tensors: [String: Tensor] = [:], notes: [String: String] = [:]
        func add(_ linear: LinearWeights, as letter: String, _ module: String) {
            let slice = columns.count == configuration.hiddenSize ? ""
                : ", columns \(columns.lowerBound)–\(columns.upperBound - 1) (head \(head ?? 0))"
            tensors["W_\(letter)"] = Tensor(linear.weight.transposed.columns(columns))
            tensors["b_\(letter)"] = Tensor(linear.bias.columns(columns))
            notes["W_\(letter)"] = "checkpoint \(name), tensor '\(prefix)\(module).weight' transposed\(slice)"
            notes["b_\(letter)"] = "checkpoint \(name), tensor '\(prefix)\(module).bias'\(slice)"
        }
        add(weights.query, as: "Q", "self.query")
        add(weights.key, as: "K", "self.key")
        add(weights.value, as: "V", "self.value")
        if head == nil { add(weights.attentionOutput, as: "O", "output.dense") }
        tensors["X"] = Tensor(input)
        notes["X"] = layer == 0
            ? "the hidden state entering layer 0 of \(name): the embeddings of the word pieces (word, position and type, then LayerNorm), computed in float64"
            : "the hidden state entering layer \(layer) of \(name): the embeddings of the word pieces and "
                + (layer == 1 ? "layer 0" : "layers 0–\(layer - 1)") + ", computed in float64"
        let heads = head == nil ? configuration.headCount : nil
        var spec = InputSpec(variant: head == nil ? .multiHead : .selfAttention, tensors: tensors,
                             options: MechanismOptions(heads: heads, bias: true), sourceTokens: pieces.map(\.text))
        spec.notes = notes
        spec.checkpoint = "checkpoint \(name) (a pretrained BERT-family encoder), layer \(layer) of \(configuration.layerCount)"
            + (head.map { ", head \($0) of \(configuration.headCount)" } ?? ", all \(configuration.headCount) heads")
        self.spec = spec
    }
}

extension PretrainedLayer {
    /// Every head's attention weights in every layer of `model` on `sentence`, as the overview of a
    /// model draws them: `weights[l][h]` is n × n, row i what word piece i attends to.
    ///
    /// - Throws: As ``init(model:name:sentence:layer:head:)`` for the sentence.
    public static func attentions(of model: BERTModel, name: String,
                                  sentence: String) throws(TraceError) -> (tokens: [String], weights: [[[[Double]]]]) {
        let pieces = try Self.pieces(of: sentence, model: model)
        let layers: [BERTLayerOutput]
        do {
            layers = try model.encoder.encode(pieces.map(\.id)).layers
        } catch {
            throw .unusableCheckpoint(model: name, reason: "\(error)")
        }
        let n = pieces.count
        let weights = layers.map { layer in
            layer.heads.map { head in (0..<n).map { i in Array(head.weights.scalars[(i * n)..<((i + 1) * n)]) } }
        }
        return (pieces.map(\.text), weights)
    }

    /// Refuses a layer, or a head, that `model` does not have.
    ///
    /// - Throws: ``TraceError/pretrainedIndexOutOfRange(_:index:count:model:)``.
    public static func check(layer: Int, head: Int?, of model: BERTModel, name: String) throws(TraceError) {
        let configuration = model.encoder.configuration
        guard (0..<configuration.layerCount).contains(layer) else {
            throw .pretrainedIndexOutOfRange("layer", index: layer, count: configuration.layerCount, model: name)
        }
        if let head, !(0..<configuration.headCount).contains(head) {
            throw .pretrainedIndexOutOfRange("head", index: head, count: configuration.headCount, model: name)
        }
    }

    /// The word pieces of `sentence` framed by `[CLS]` and `[SEP]`.
    ///
    /// - Throws: ``TraceError/emptySentence(side:)`` when there is no piece between them: nothing to attend over.
    private static func pieces(of sentence: String, model: BERTModel) throws(TraceError) -> [WordPiece] {
        let pieces = model.tokenizer.encode(sentence)
        guard pieces.count > 2 else { throw .emptySentence(side: "source") }
        return pieces
    }
}
