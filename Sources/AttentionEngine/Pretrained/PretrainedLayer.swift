import AttentionCheckpoints
import AttentionMath
import AttentionTrace

/// One layer of a pretrained transformer (``PretrainedTransformer``: a BERT-family encoder, a GPT-2
/// or Llama-family decoder), as the engine traces it.
///
/// Everything before the layer's attention is computed in float64 by the checkpoint's own forward
/// pass, as `transformers` computes it; the input of the layer's attention becomes `X`. The
/// attention becomes a spec with the model's ``PretrainedTransformer/attentionOptions`` (`bias`,
/// `causal`, `rope`, `kv_heads`): for `multi-head` with every head and the output projection, or for
/// `self` with one head's columns of the query projection, its key and value head's columns of the
/// key and value projections, and the same columns of their biases, without an output projection.
///
/// With every head, what the layer does after attention (the residuals, normalisations and the
/// feed-forward block) is the spec's ``InputSpec/tail``, traced after the attention's output; one
/// head's trace stops at its context, since the rest of the layer needs every head.
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
        let parameters: [String: (value: Matrix, source: String)], tail: LayerTail?
        do {
            parameters = try model.attentionParameters(ofLayer: layer)
            tail = head == nil ? try model.layerTail(ofLayer: layer) : nil
        } catch {
            throw .unusableCheckpoint(model: name, reason: "\(error)")
        }
        var options = model.attentionOptions
        let keyValueHeads = options.kvHeads ?? model.headCount
        let slices = head.map { j in Self.slices(head: j, headCount: model.headCount, keyValueHeads: keyValueHeads, width: model.width) }
        var tensors: [String: Tensor] = [:], notes: [String: String] = [:]
        for (key, parameter) in parameters {
            let isOutput = key.hasSuffix("_O")
            guard !(isOutput && head != nil) else { continue }
            let slice = isOutput ? nil : slices?[key.hasSuffix("_K") || key.hasSuffix("_V") ? 1 : 0]
            tensors[key] = Tensor(slice.map { parameter.value.columns($0.columns) } ?? parameter.value)
            notes[key] = "checkpoint \(name), \(parameter.source)" + (slice?.note ?? "")
        }
        tensors["X"] = Tensor(input.value)
        notes["X"] = "the hidden state entering layer \(layer) of \(name): \(input.origin), computed in float64"
        options.heads = head == nil ? model.headCount : nil
        if head != nil { options.kvHeads = nil }
        var spec = InputSpec(variant: head == nil ? .multiHead : .selfAttention, tensors: tensors, options: options,
                             sourceTokens: tokens.map(\.text))
        spec.notes = notes
        spec.precomputed = input.earlierStates.map { state in
            PrecomputedTensor(key: state.key, symbol: state.symbol, description: state.description, value: Tensor(state.value),
                              note: "checkpoint \(name): \(state.description), computed in float64")
        }
        spec.tail = tail.map { tail in
            var noted = tail
            noted.parameters = tail.parameters.mapValues { LayerTail.Parameter(value: $0.value, note: "checkpoint \(name), \($0.note)") }
            return noted
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

    /// The columns head `head` reads of the query projection (`[0]`) and of the key and value
    /// projections (`[1]`: those of its key and value head, ⌊head · kv / h⌋), with how a note says so.
    private static func slices(head: Int, headCount: Int, keyValueHeads: Int,
                               width: Int) -> [(columns: Range<Int>, note: String)] {
        let headWidth = width / headCount, group = head * keyValueHeads / headCount
        func slice(_ index: Int, _ what: String) -> (columns: Range<Int>, note: String) {
            let columns = (index * headWidth)..<((index + 1) * headWidth)
            return (columns, ", of which columns \(columns.lowerBound)–\(columns.upperBound - 1) (\(what))")
        }
        let shared = keyValueHeads == headCount ? "head \(head)"
            : "key and value head \(group), which query heads \(group * headCount / keyValueHeads)–\((group + 1) * headCount / keyValueHeads - 1) share"
        return [slice(head, "head \(head)"), slice(group, shared)]
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
