import AttentionMath
import AttentionTrace

/// Additive attention (Bahdanau, Cho and Bengio 2014), Luong's "concat" score.
///
/// For each decoder state `s` (one row of `query`) and every source position `i`:
///
///     c_i = [s ; h_i]                 concatenate
///     u_i = tanh(W_a c_i)             a one-layer feed-forward network
///     e_i = v_a · u_i                 the score
///     α = softmax(e)                  normalise
///     context = Σ_i α_i v_i           weighted sum
///
/// `W_a` is `d_a x (d_s + d_h)` and `v_a` has length `d_a`.
struct AdditiveAttention {
    /// The default width `d_a` of the scoring network when neither `W_a` nor `v_a` is given.
    static let defaultScoreSize = 4

    /// Records the concatenate and score steps for every query row, then
    /// normalises and takes the weighted sums.
    func trace(_ inputs: AlignmentInputs, tensors: TensorSource, recorder: TraceRecorder) throws -> AlignmentResult {
        let ds = inputs.query.value.columns, dh = inputs.keys.value.columns
        let da = tensors.given["W_a"]?.rowCount ?? tensors.given["v_a"]?.columnCount ?? Self.defaultScoreSize
        let (wa, waProvenance) = try tensors.matrix("W_a", rows: da, columns: ds + dh,
                                                    because: "d_a x (d_s + d_h), with d_s = \(ds) from query and d_h = \(dh) from keys")
        let (va, vaProvenance) = try tensors.vector("v_a", count: da, because: "d_a = \(da), the rows of W_a")
        var parameters: (wa: TracedMatrix, va: TracedMatrix)?

        return AlignmentResult.trace(inputs, recorder: recorder) { t, group in
            let concatenationAxis = Axis(name: "dimension", labels: (0..<ds).map { "s\($0)" } + (0..<dh).map { "h\($0)" })
            recorder.begin("t\(t).concatenate", title: "Concatenate the decoder state with each annotation", group: group,
                           explanation: "The decoder state s is placed next to every source annotation h_i, giving one row per source word. The scoring network will look at both halves together.",
                           formulas: ["c_i = [s ; h_i]"])
            let s = inputs.queryRow(t, recorder: recorder)
            let c = recorder.concatenate([s, inputs.keys], rows: inputs.keys.rows, columns: concatenationAxis,
                                         key: "c", symbol: "c_i", "[s ; h_i] for every source word i")

            recorder.begin("t\(t).score", title: "Score every source word", group: group,
                           explanation: "A small feed-forward network rates how well each source word fits the decoder state: a linear map W_a, a tanh, then a dot product with v_a gives one number per source word. Higher means more relevant.",
                           formulas: ["u_i = tanh(W_a c_i)", "e_i = v_a · u_i"])
            let (waTraced, vaTraced) = parameters ?? (
                recorder.input(wa, name: "W_a", "the scoring network's weights", rows: Axis(name: "hidden"),
                               columns: concatenationAxis, provenance: waProvenance),
                recorder.input(va, name: "v_a", "the scoring network's output weights", rows: Axis(name: ""),
                               columns: Axis(name: "hidden"), provenance: vaProvenance, asVector: true))
            parameters = (waTraced, vaTraced)
            let pre = recorder.multiply(c, transposeOf: waTraced, key: "pre", symbol: "W_a c_i",
                                        "the linear part of the network, one row per source word")
            let u = recorder.apply(.tanh, pre, key: "u", symbol: "u_i", "the hidden layer of the scoring network")
            let e = recorder.multiply(vaTraced, transposeOf: u, key: "scores", symbol: "e", "the score of each source word")
            return TracedMatrix(id: e.id, value: e.value, rows: s.rows, columns: inputs.keys.rows)
        }
    }
}
