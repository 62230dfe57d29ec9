import AttentionCheckpoints
import AttentionMath
import AttentionTrace

/// One layer of a pretrained transformer (``PretrainedTransformer``: a BERT-family encoder), as
/// the engine traces it.
///
/// Everything before the layer's attention is computed in float64 by the checkpoint's own forward
/// pass, as `transformers` computes it; the input of the layer's attention becomes `X`. The
/// attention becomes a spec with the `bias` option (and `causal` for a decoder): for `multi-head`
/// with every head and the output projection, or for `self` with one head's columns of the query,
/// key and value projections and of their biases, without an output projection.
///
/// What the layer does after attention (the residual, normalisation and the feed-forward block)
/// is not traced; the forward pass computes it for the layers before.
public struct PretrainedLayer: Sendable {
    /// The spec to trace: its variant, tensors with their notes, options and tokens.
    public let spec: InputSpec

    /// Prepares layer `layer` of `model` (all heads, or only `head`) on `sentence`.
    ///
    /// - Parameters:
    ///   - name: How traces name the model, such as its folder's name `all-MiniLM-L6-v2`.
    /// - Throws: ``TraceError/emptySentence(side:)`` for a sentence without a token,
    ///   ``TraceError/pretrainedIndexOutOfRange(_:index:count:model:)`` for a layer or head the
    ///   model does not have, and ``TraceError/unusableCheckpoint(model:reason:)`` for a sentence
    ///   the checkpoint cannot read (longer than its positions, say).
    public init(model: some PretrainedTransformer, name: String, sentence: String, layer: Int, head: Int?) throws(TraceError) {
        try Self.check(layer: layer, head: head, of: model, name: name)
        let tokens = try Self.tokens(of: sentence, in: model, name: name)
        let input: PretrainedLayerInput
        do {
            input = try model.attentionInput(ofLayer: layer, ids: tokens.map(\.id))
        } catch {
            throw .unusableCheckpoint(model: name, reason: "\(error)")
        }
        let headWidth = model.width / model.headCount
        let columns = head.map { j in (j * headWidth)..<((j + 1) * headWidth) } ?? 0..<model.width
        let slice = head.map { ", of which columns \(columns.lowerBound)–\(columns.upperBound - 1) (head \($0))" } ?? ""
        var tensors: [String: Tensor] = [:], notes: [String: String] = [:]
        for (key, parameter) in model.attentionParameters(ofLayer: layer) {
            let isOutput = key.hasSuffix("_O")
            guard !(isOutput && head != nil) else { continue }
            tensors[key] = Tensor(isOutput ? parameter.value : parameter.value.columns(columns))
            notes[key] = "checkpoint \(name), \(parameter.source)" + (isOutput ? "" : slice)
        }
        tensors["X"] = Tensor(input.value)
        notes["X"] = "the hidden state entering layer \(layer) of \(name): \(input.origin), computed in float64"
        var spec = InputSpec(variant: head == nil ? .multiHead : .selfAttention, tensors: tensors,
                             options: MechanismOptions(heads: head == nil ? model.headCount : nil, causal: model.isCausal ? true : nil,
                                                       bias: true),
                             sourceTokens: tokens.map(\.text))
        spec.notes = notes
        spec.precomputed = input.earlierStates.map { state in
            PrecomputedTensor(key: state.key, symbol: state.symbol, description: state.description, value: Tensor(state.value),
                              note: "checkpoint \(name): \(state.description), computed in float64")
        }
        spec.checkpoint = "checkpoint \(name) (\(model.familyDescription)), layer \(layer) of \(model.layerCount)"
            + (head.map { ", head \($0) of \(model.headCount)" } ?? ", all \(model.headCount) heads")
        self.spec = spec
    }
}

extension PretrainedLayer {
    /// Every head's attention weights in every layer of `model` on `sentence`, as the overview of a
    /// model draws them: `weights[l][h]` is n × n, row i what token i attends to.
    ///
    /// - Throws: As ``init(model:name:sentence:layer:head:)`` for the sentence.
    public static func attentions(of model: some PretrainedTransformer, name: String,
                                  sentence: String) throws(TraceError) -> (tokens: [String], weights: [[[[Double]]]]) {
        let tokens = try Self.tokens(of: sentence, in: model, name: name)
        let layers: [[Matrix]]
        do {
            layers = try model.attentionWeights(ids: tokens.map(\.id))
        } catch {
            throw .unusableCheckpoint(model: name, reason: "\(error)")
        }
        let n = tokens.count
        let weights = layers.map { heads in
            heads.map { head in (0..<n).map { i in Array(head.scalars[(i * n)..<((i + 1) * n)]) } }
        }
        return (tokens.map(\.text), weights)
    }

    /// The tokens of `sentence` under `model`'s tokenizer.
    ///
    /// - Throws: ``TraceError/emptySentence(side:)``, or ``TraceError/unusableCheckpoint(model:reason:)``
    ///   for a sentence the tokenizer cannot split.
    private static func tokens(of sentence: String, in model: some PretrainedTransformer,
                               name: String) throws(TraceError) -> [(text: String, id: Int)] {
        do {
            return try model.tokens(of: sentence)
        } catch let error as TraceError {
            throw error
        } catch {
            throw .unusableCheckpoint(model: name, reason: "\(error)")
        }
    }

    /// Refuses a layer, or a head, that `model` does not have.
    ///
    /// - Throws: ``TraceError/pretrainedIndexOutOfRange(_:index:count:model:)``.
    public static func check(layer: Int, head: Int?, of model: some PretrainedTransformer, name: String) throws(TraceError) {
        guard (0..<model.layerCount).contains(layer) else {
            throw .pretrainedIndexOutOfRange("layer", index: layer, count: model.layerCount, model: name)
        }
        if let head, !(0..<model.headCount).contains(head) {
            throw .pretrainedIndexOutOfRange("head", index: head, count: model.headCount, model: name)
        }
    }
}
