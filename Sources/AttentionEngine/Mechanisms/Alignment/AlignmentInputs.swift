import AttentionMath
import AttentionTrace

/// What a decoder-side mechanism attends with: one query row per target word,
/// one key and one value row per source word.
struct AlignmentInputs {
    /// The decoder states: one row per target word, or the latest state alone (``queryRows``).
    var query: TracedMatrix
    var keys: TracedMatrix
    var values: TracedMatrix
    /// Which row of ``query`` is the state `s_{t−1}` for target word `t`.
    var queryRows = QueryRows.perTargetWord

    /// How ``query`` holds the decoder states.
    enum QueryRows {
        /// Row `t` is `s_{t−1}`: every state is known before attention runs (a spec's, or a
        /// teacher-forced decoder that reads only the target words).
        case perTargetWord
        /// One row, the latest state: a decoder that reads each context (RNNsearch) computes
        /// `s_{t−1}` only after attending for word `t − 1`.
        case latestState
    }

    /// Records step 1 ("encode") and returns the query, keys and values.
    ///
    /// A spec's `query` and `keys` are used as given. Without them the encoder
    /// produces them from the tokens (the spec's, or the sentences'). `values`
    /// defaults to `keys`.
    static func encode(_ input: ResolvedInput, variant: String, recorder: TraceRecorder) throws(TraceError) -> AlignmentInputs {
        let source = input.tensors
        let givesQuery = source.gives("query"), givesKeys = source.gives("keys")
        let query: TracedMatrix, keys: TracedMatrix
        if givesQuery || givesKeys {
            guard let givenQuery = try source.givenMatrix("query") else {
                throw TraceError.missingCompanion(given: "keys", missing: "query")
            }
            guard let givenKeys = try source.givenMatrix("keys") else {
                throw TraceError.missingCompanion(given: "query", missing: "keys")
            }
            let sourceAxis = try input.axis("source", labels: input.sourceTokens, rows: givenKeys.rows, tensor: "keys")
            let targetAxis = try input.axis("target", labels: input.targetTokens, rows: givenQuery.rows, tensor: "query")
            recorder.begin("encode", title: "The encoded input", group: "Step 1 · Encode",
                           explanation: "The spec gives the decoder states (one query row per target word) and the encoder states (one key row per source word) directly, so no encoder runs.",
                           formulas: ["s_t = query_t", "h_i = keys_i"])
            query = recorder.input(givenQuery, name: "query", symbol: "s", "the decoder states, one row per target word",
                                   rows: targetAxis, columns: Axis(name: "dimension"), provenance: Provenance(.given))
            keys = recorder.input(givenKeys, name: "keys", symbol: "h", "the encoder states, one row per source word",
                                  rows: sourceAxis, columns: Axis(name: "dimension"), provenance: Provenance(.given))
        } else {
            guard let sourceTokens = input.sourceTokens else {
                throw TraceError.missingSequence(tensor: "keys", side: "source", variant: variant)
            }
            guard let targetTokens = input.targetTokens else { throw TraceError.missingTarget(variant: variant) }
            let encoding = SentenceEncoder(parameters: input.tensors.parameters)
                .encode(source: sourceTokens, target: targetTokens, recorder: recorder)
            keys = encoding.keys
            guard let decoded = encoding.query else { throw TraceError.missingTarget(variant: variant) }
            query = decoded
        }
        guard let givenValues = try source.givenMatrix("values") else {
            return AlignmentInputs(query: query, keys: keys, values: keys)
        }
        guard givenValues.rows == keys.value.rows else {
            throw TraceError.shapeMismatch(tensor: "values", expected: [keys.value.rows, givenValues.columns],
                                           found: [givenValues.rows, givenValues.columns],
                                           because: "one row per key, and keys has \(keys.value.rows) rows")
        }
        let values = recorder.input(givenValues, name: "values", symbol: "v", "the values, one row per source word",
                                    rows: keys.rows, columns: Axis(name: "dimension"), provenance: Provenance(.given))
        return AlignmentInputs(query: query, keys: keys, values: values)
    }

    /// Records the decoder state `s_{t−1}` for target word `t`, a row of the query, in the current step.
    func queryRow(_ t: Int, recorder: TraceRecorder) -> TracedMatrix {
        let row = queryRows == .perTargetWord ? t : 0
        return recorder.rows(row..<(row + 1), of: query, key: "s", symbol: "s",
                             "the decoder state sₜ₋₁: what the decoder knows just before it writes this word")
    }
}
