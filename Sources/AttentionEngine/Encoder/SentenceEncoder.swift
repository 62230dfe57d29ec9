import AttentionMath
import AttentionTrace

/// Step 1 of additive attention: turns tokens into the vectors attention reads.
///
/// The source is embedded and read by a bidirectional GRU; each position's
/// annotation `h_i = [h^→_i ; h^←_i]` joins what the forward GRU has read up
/// to and including token `i` with what the backward GRU has read from the end
/// back to it (Bahdanau et al. 2014, section 3.2). A decoder GRU then reads the
/// target with teacher forcing: the state `s_{t−1}` that has read ⟨s⟩ and the
/// target words before word `t` is the query for word `t`. Its initial state is
/// `tanh(h^←_1 W_s)`, as in the paper.
///
/// The parameters and embeddings come from a ``ParameterSource`` at its sizes: seeded
/// (8-wide embeddings, 4-wide encoder states) or a trained RNNsearch model's. A model's
/// decoder also reads each context, so ``RNNSearchDecoder`` runs it, word by word, and
/// this encoder only encodes the source.
struct SentenceEncoder {
    /// The width of a seeded token embedding (`d_model` of the Transformer-style variants).
    static let embeddingSize = ParameterSource.Sizes.seeded.embedding
    /// The token the decoder reads before the first target word.
    static let startToken = "⟨s⟩"

    let parameters: ParameterSource

    /// The widths the encoder runs at.
    var sizes: ParameterSource.Sizes { parameters.sizes }

    /// The encoder's outputs: one annotation per source token, the backward states (which
    /// start the decoder) and, with a target, one decoder state per target token.
    struct Encoding {
        var keys: TracedMatrix
        var backward: TracedMatrix
        var query: TracedMatrix?
    }

    /// Records the encode steps and returns the annotations and decoder states.
    func encode(source: [String], target: [String]?, recorder: TraceRecorder) -> Encoding {
        let sourceAxis = Axis(name: "source", labels: source)
        let group = "Step 1 · Encode"

        recorder.begin("encode.embed", title: "Embed the source words", group: group,
                       explanation: embeddingExplanation,
                       formulas: ["x_i = E[w_i]"])
        let embeddings = embed(source, side: .source, key: "x", rows: sourceAxis, recorder: recorder)

        let zero = Matrix(rows: 1, columns: sizes.encoder)
        func direction(_ name: String, arrow: String, reversed: Bool) -> TracedMatrix {
            let gru = GRU(name: "encoder.\(name)", state: "h^{\(arrow)}", inputSize: sizes.embedding,
                          hiddenSize: sizes.encoder)
            recorder.begin("encode.\(name)", title: "Read the sentence \(reversed ? "right to left" : "left to right")",
                           group: group,
                           explanation: reversed
                               ? "The backward GRU reads the words from last to first. Its state at word i summarises word i and everything after it."
                               : "The forward GRU reads the words from first to last. Its state at word i summarises word i and everything before it. The update gate z decides how much of the new candidate replaces the old state; the reset gate r decides how much of the old state the candidate may use.",
                           formulas: gru.formulas)
            let initial = recorder.record(zero, key: "initial", symbol: "h^{\(arrow)}_0", "the initial state",
                                          rows: Axis(name: "state"), columns: Axis(name: "dimension"),
                                          provenance: Provenance(.constant, note: "the zero vector"))
            return gru.run(over: embeddings, from: initial, reversed: reversed, positions: sourceAxis,
                           parameters: parameters, recorder: recorder)
        }
        let forward = direction("forward", arrow: "→", reversed: false)
        let backward = direction("backward", arrow: "←", reversed: true)

        recorder.begin("encode.annotations", title: "Join both directions", group: group,
                       explanation: "Each word's annotation puts the forward and backward states side by side, so it describes the word in the context of the whole sentence, not only its neighbours. These annotations are the keys that attention scores.",
                       formulas: ["h_i = [h^{→}_i ; h^{←}_i]"])
        let annotationAxis = Axis(name: "dimension",
                                  labels: (0..<sizes.encoder).map { "→\($0)" } + (0..<sizes.encoder).map { "←\($0)" })
        let keys = recorder.concatenate([forward, backward], rows: sourceAxis, columns: annotationAxis,
                                        id: "keys", key: "h", symbol: "h_i",
                                        "the annotations: one row per source word")
        recorder.publish(keys, asInput: "keys")

        guard let target else { return Encoding(keys: keys, backward: backward, query: nil) }
        return Encoding(keys: keys, backward: backward,
                        query: decode(target, backward: backward, group: group, recorder: recorder))
    }

    /// What the embedding step says about where the vectors come from.
    private var embeddingExplanation: String {
        switch parameters {
        case .seeded:
            "Each word becomes a vector of \(sizes.embedding) numbers. The vector depends only on the word and the seed, so the same word has the same embedding in every sentence."
        case .model(let checkpoint):
            "Each word becomes a vector of \(sizes.embedding) numbers: its row of the embedding matrix E that \(checkpoint.name) learned. Words used alike in translation have learned similar vectors."
        }
    }

    /// The formula of the decoder's initial state.
    static let initialStateFormula: Formula = "s_{init} = tanh(h^{←}_1 W_s)"

    /// Records the decoder's initial state `tanh(h^←_1 W_s)` in the current step: the backward
    /// state at the first source word, which has read the whole sentence, projected by `W_s`.
    func initialState(backward: TracedMatrix, recorder: TraceRecorder) -> TracedMatrix {
        let first = recorder.rows(0..<1, of: backward, key: "first", symbol: "h^{←}_1",
                                  "the backward state at the first source word, which has read the whole sentence")
        let (ws, wsProvenance) = parameters.matrix(named: "decoder.W_s", rows: sizes.encoder, columns: sizes.decoder)
        let wsTraced = recorder.record(ws, key: "W_s", symbol: "W_s", "projects the backward summary to the decoder's initial state",
                                       rows: Axis(name: "dimension"), columns: Axis(name: "dimension"), provenance: wsProvenance)
        let projected = recorder.multiply(first, wsTraced, key: "initial.pre", symbol: "h^{←}_1 W_s", "before the tanh")
        return recorder.apply(.tanh, projected, key: "initial", symbol: "s_{init}", "the decoder's initial state")
    }

    private func decode(_ target: [String], backward: TracedMatrix, group: String, recorder: TraceRecorder) -> TracedMatrix {
        let targetAxis = Axis(name: "target", labels: target)
        let gru = GRU(name: "decoder", state: "s", inputSize: sizes.embedding, hiddenSize: sizes.decoder)
        recorder.begin("encode.decoder", title: "Run the decoder over the target", group: group,
                       explanation: "The decoder GRU reads ⟨s⟩ and then the target words (teacher forcing). The state it has after reading everything before target word t, written sₜ₋₁, is the query that asks which source words matter for word t.",
                       formulas: [Self.initialStateFormula] + gru.formulas)
        let initial = initialState(backward: backward, recorder: recorder)
        let previousWords = [Self.startToken] + target.dropLast()
        let inputs = embed(previousWords, side: .target, key: "y", rows: Axis(name: "previous word", labels: previousWords),
                           recorder: recorder)
        let states = gru.run(over: inputs, from: initial, positions: targetAxis, stateID: "query",
                             parameters: parameters, recorder: recorder)
        recorder.publish(states, asInput: "query")
        return states
    }

    /// Records the embeddings of `words` of `side`, one row each, under `key` in the current step.
    func embed(_ words: [String], side: ParameterSource.Side, key: String, rows: Axis, recorder: TraceRecorder) -> TracedMatrix {
        let (vectors, provenance) = parameters.embeddings(of: words, side: side)
        return recorder.record(vectors, key: key, symbol: "\(key)_i", "the embedding of each word", rows: rows,
                               columns: Axis(name: "dimension"), provenance: provenance)
    }
}
