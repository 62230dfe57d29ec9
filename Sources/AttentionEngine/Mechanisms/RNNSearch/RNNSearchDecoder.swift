import AttentionMath
import AttentionModels
import AttentionTrace
import Foundation

/// Bahdanau et al.'s RNNsearch (2014) traced word by word, with a trained model's parameters
/// (`Docs/models/rnnsearch.md`): what the `additive` variant traces when a model is in force, and
/// `general` and `dot` for a model trained with Luong's score of that name in the same decoder
/// (`e_i = s_{t−1} W_a h_iᵀ` or `s_{t−1} · h_i` in place of the additive score below).
///
/// Step 1 encodes the source with the model's embeddings and bidirectional GRU
/// (``SentenceEncoder``) and starts the decoder at `s_0 = tanh(h^←_1 W_s)`. Then, for each
/// target word `t`:
///
///     c_i = [s_{t−1} ; h_i]   u_i = tanh(W_a c_i)   e_i = v_a · u_i   α_t = softmax(e)   c_t = Σ_i α_{t,i} h_i
///     s_t = GRU_dec([E_y[y_{t−1}] ; c_t], s_{t−1})
///     o_t = tanh([s_t ; c_t ; E_y[y_{t−1}]] W_o + b_o)   p_t = softmax(o_t W_y + b_y)
///
/// The attention steps are those of the seeded `additive` trace, with the same identifiers
/// (`t3.concatenate`, `t3.score`, `t3.normalise`, `t3.weighted-sum`); each word adds
/// `t3.decode` (the decoder's step) and `t3.predict` (the readout and `p_t`). With a target
/// sentence the decoder reads it (teacher forcing, as in training); without one it translates
/// by greedy decoding, reading back its most probable word, until `⟨/s⟩` or
/// ``RNNSearch/translationLimit(sourceLength:)`` words.
struct RNNSearchDecoder {
    /// The model traced.
    let checkpoint: ModelCheckpoint

    /// How many of the most probable words a prediction step names.
    static let namedWords = 5

    /// Records every step and the results: `weights` (one row per target word, over the source),
    /// `context`, and `probabilities` (one row per target word, over the target vocabulary).
    ///
    /// - Throws: ``TraceError/missingSequence(tensor:side:variant:)`` without a source sentence.
    func trace(_ input: ResolvedInput, variant: String, recorder: TraceRecorder) throws(TraceError) {
        guard let source = input.sourceTokens else {
            throw TraceError.missingSequence(tensor: "keys", side: "source", variant: variant)
        }
        let parameters = ParameterSource.model(checkpoint)
        let encoder = SentenceEncoder(parameters: parameters)
        let sizes = encoder.sizes
        let encoding = encoder.encode(source: source, target: nil, recorder: recorder)
        let gru = GRU(name: "decoder", state: "s", inputSize: sizes.embedding + 2 * sizes.encoder, hiddenSize: sizes.decoder)

        recorder.begin("encode.decoder", title: "Start the decoder", group: "Step 1 · Encode",
                       explanation: "The decoder starts from the backward GRU's state at the first source word, which has read the whole sentence, projected by W_s. Its own GRU weights are recorded here once; every target word uses them.",
                       formulas: [SentenceEncoder.initialStateFormula])
        var state = encoder.initialState(backward: encoding.backward, recorder: recorder)
        let weights = gru.recordWeights(from: parameters, recorder: recorder)

        let firstInputs = AlignmentInputs(query: state, keys: encoding.keys, values: encoding.keys, queryRows: .latestState)
        let scorer = try AlignmentScorer(Self.scoreFunction(of: checkpoint.model.configuration.score), framing: .bahdanau,
                                         inputs: firstInputs, tensors: input.tensors)
        let configuration = checkpoint.model.configuration
        let window = try LocalWindow.of(AlignmentMechanism.Window(configuration.locality), halfWidth: configuration.window,
                                        queryWidth: sizes.decoder, tensors: input.tensors, recorder: recorder)
        let attention = AlignmentLoop(inputs: firstInputs, scorer: scorer, window: window)
        let readout = Readout(checkpoint: checkpoint, parameters: parameters)

        let target = input.targetTokens
        let limit = target?.count ?? RNNSearch.translationLimit(sourceLength: source.count)
        var previous = Vocabulary.start, generated: [String] = []
        var weightRows: [TracedMatrix] = [], contextRows: [TracedMatrix] = [], probabilityRows: [TracedMatrix] = []
        for t in 0..<limit {
            let label = target?[t] ?? "word \(t + 1)"
            let group = target.map { "Target word \(t + 1) of \($0.count): \($0[t])" } ?? "Translation, word \(t + 1)"
            let query = TracedMatrix(id: state.id, value: state.value, rows: Axis(name: "target", labels: [label]),
                                     columns: state.columns)
            scorer.inputs.query = query
            let (alpha, context) = attention.attend(t, group: group, recorder: recorder)

            recorder.begin("t\(t).decode", title: "Update the decoder state", group: group,
                           explanation: "The decoder GRU reads the previous word and the context it has just attended to. Its new state s_t decides the next word, and is the query for the word after it.",
                           formulas: ["x_t = [E_y[y_{t−1}] ; c_t]"] + gru.formulas)
            let y = encoder.embed([previous], side: .target, key: "y", rows: Axis(name: "previous word", labels: [previous]),
                                  recorder: recorder)
            let x = recorder.concatenate([y, context], rows: query.rows, columns: Axis(name: "dimension"), key: "x",
                                         symbol: "x_t", "the previous word's embedding beside the context")
            state = gru.step(x, from: query, weights: weights, stateKey: "s", recorder: recorder)

            recorder.begin("t\(t).predict", title: "Predict the word", group: group,
                           explanation: "A tanh layer reads the new state, the context and the previous word; a softmax over the target vocabulary turns its scores into the probability of each word.",
                           formulas: ["o_t = tanh([s_t ; c_t ; E_y[y_{t−1}]] W_o + b_o)", "p_t = softmax(o_t W_y + b_y)"])
            let p = readout.predict(state: state, context: context, previousWord: y, recorder: recorder)
            weightRows.append(alpha)
            contextRows.append(context)
            probabilityRows.append(p)

            let word = name(prediction: p, given: target?[t], recorder: recorder)
            if target == nil {
                recorder.renameGroup(group, to: "Translation, word \(t + 1): \(word)")
                generated.append(word)
                if word == Vocabulary.end { break }
            }
            previous = word
        }
        let targets = Axis(name: "target", labels: target ?? generated)
        if target == nil { recorder.generatedTargetTokens = generated }
        let result = AlignmentLoop.stack(weights: weightRows, contexts: contextRows, targets: targets, recorder: recorder)
        let probabilities = recorder.stack(probabilityRows, rows: targets, key: "probabilities", symbol: "p",
                                           "the probability of every target word, one row per target word")
        recorder.recordResults(result.tensors.merging(["probabilities": .matrix(probabilities)]) { kept, _ in kept })
    }

    /// The word of prediction `p`: the `given` target word, else the most probable one (greedy
    /// decoding). Retitles the current step after it and names the most probable words.
    private func name(prediction p: TracedMatrix, given: String?, recorder: TraceRecorder) -> String {
        let vocabulary = checkpoint.model.targetVocabulary.tokens
        let named = Self.mostProbable(p).map { "\(vocabulary[$0]) \(String(format: "%.3f", p.value[0, $0]))" }
        let word = given ?? vocabulary[p.value.rowArgmax()[0]]
        let chosen = given == nil ? "The model writes its most probable word, “\(word)”."
            : "The target word “\(word)” has probability \(String(format: "%.3f", probability(of: word, in: p)))."
        recorder.amendCurrentStep(title: "Predict the word: \(word)",
                                  appending: "The most probable words: \(named.joined(separator: ", ")). \(chosen)")
        return word
    }

    /// The score function of a model's attention: Bahdanau's additive score is the `concat` scorer's.
    static func scoreFunction(of score: ModelConfiguration.Score) -> ScoreFunction {
        switch score {
        case .additive: .concat
        case .general: .general
        case .dot: .dot
        }
    }

    /// The indices of the ``namedWords`` most probable words of `p` (one row), most probable first.
    static func mostProbable(_ p: TracedMatrix) -> [Int] {
        Array(p.value.scalars.indices.sorted { (p.value.scalars[$0], $1) > (p.value.scalars[$1], $0) }.prefix(namedWords))
    }

    /// `p_t[word]`, or 0 for a word outside the vocabulary (the tracer refuses those first).
    private func probability(of word: String, in p: TracedMatrix) -> Double {
        checkpoint.model.targetVocabulary.index(of: word.lowercased()).map { p.value[0, $0] } ?? 0
    }
}

extension RNNSearchDecoder {
    /// The readout and the output softmax, recording their parameters the first time they are used.
    final class Readout {
        private let checkpoint: ModelCheckpoint
        private let parameters: ParameterSource
        private var recorded: (wo: TracedMatrix, bo: TracedMatrix, wy: TracedMatrix, by: TracedMatrix)?

        init(checkpoint: ModelCheckpoint, parameters: ParameterSource) {
            self.checkpoint = checkpoint
            self.parameters = parameters
        }

        /// Records `o_t = tanh([s_t ; c_t ; y] W_o + b_o)` and `p_t = softmax(o_t W_y + b_y)` in the
        /// current step and returns `p_t` (one row over the target vocabulary).
        func predict(state: TracedMatrix, context: TracedMatrix, previousWord y: TracedMatrix,
                     recorder: TraceRecorder) -> TracedMatrix {
            let words = Axis(name: "word", labels: checkpoint.model.targetVocabulary.tokens)
            let (wo, bo, wy, by) = recorded ?? record(words: words, recorder: recorder)
            recorded = (wo, bo, wy, by)
            let r = recorder.concatenate([state, context, y], rows: state.rows, columns: Axis(name: "dimension"), key: "r",
                                         symbol: "[s_t ; c_t ; E_y[y_{t−1}]]", "what the readout reads: the new state, the context and the previous word")
            let pre = recorder.multiply(r, wo, key: "o.pre", symbol: "r W_o", "the readout's linear part")
            let biased = recorder.add([pre, bo], key: "o.biased", symbol: "r W_o + b_o", "the readout before the tanh")
            let o = recorder.apply(.tanh, biased, key: "o", symbol: "o_t", "the readout layer")
            let product = recorder.multiply(o, wy, key: "logits.pre", symbol: "o_t W_y", "the readout mapped to one score per word")
            let logits = recorder.add([product, by], key: "logits", symbol: "o_t W_y + b_y", "the score of every target word")
            var symbols = TraceRecorder.SoftmaxSymbols()
            symbols.weights = "p"
            return recorder.softmax(logits, symbols: symbols, rowDescription: "prediction", weightsKey: "p",
                                    weightsDescription: "the probability of each target word: each exponential divided by the sum")
        }

        /// Records `W_o`, `b_o`, `W_y` and `b_y` as inputs under their checkpoint names.
        private func record(words: Axis, recorder: TraceRecorder) -> (TracedMatrix, TracedMatrix, TracedMatrix, TracedMatrix) {
            let c = checkpoint.model.configuration
            let readIn = c.decoderSize + c.annotationSize + c.embeddingSize
            let vocabulary = checkpoint.model.targetVocabulary.count
            let dimension = Axis(name: "dimension"), hidden = Axis(name: "hidden"), one = Axis(name: "")
            func input(_ name: String, rows: Int, columns: Int, _ description: String, _ rowAxis: Axis, _ columnAxis: Axis)
                -> TracedMatrix {
                let (value, provenance) = parameters.matrix(named: name, rows: rows, columns: columns)
                return recorder.input(value, name: name, description, rows: rowAxis, columns: columnAxis,
                                      provenance: provenance, asVector: rows == 1)
            }
            return (input("readout.W_o", rows: readIn, columns: c.readoutSize, "the readout's weights", dimension, hidden),
                    input("readout.b_o", rows: 1, columns: c.readoutSize, "the readout's bias", one, hidden),
                    input("readout.W_y", rows: c.readoutSize, columns: vocabulary,
                          "the output layer's weights, one column per target word", hidden, words),
                    input("readout.b_y", rows: 1, columns: vocabulary, "the output layer's bias, one per target word", one, words))
        }
    }
}
