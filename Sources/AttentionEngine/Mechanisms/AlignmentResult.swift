import AttentionMath
import AttentionTrace

/// The outputs of a decoder-side mechanism: the alignment matrix (target x source)
/// and one context vector per target word.
struct AlignmentResult {
    var weights: TracedMatrix
    var context: TracedMatrix

    /// The trace's `result`: `weights` and `context`.
    var tensors: [String: Tensor] {
        ["weights": Tensor(rows: weights.value.rowArrays), "context": Tensor(rows: context.value.rowArrays)]
    }

    /// Runs the per-target-word loop that every decoder-side mechanism shares.
    ///
    /// For each query row `t`, `score` records the mechanism's own steps and
    /// returns the scores (one row, one column per source word); this function
    /// then records the normalise and weighted-sum steps, and finally the
    /// alignment step that stacks the rows.
    ///
    /// - Parameter score: Given the target index and the step group, records the
    ///   scoring steps and returns the scores.
    static func trace(_ inputs: AlignmentInputs, recorder: TraceRecorder,
                      score: (Int, String) throws -> TracedMatrix) rethrows -> AlignmentResult {
        let targets = inputs.query.rows
        var weightRows: [TracedMatrix] = [], contextRows: [TracedMatrix] = []
        for t in 0..<inputs.query.value.rows {
            let group = "Target word \(t + 1) of \(inputs.query.value.rows): \(targets.label(t))"
            let scores = try score(t, group)

            recorder.begin("t\(t).normalise", title: "Normalise the scores into weights", group: group,
                           explanation: "The softmax turns scores into positive weights that sum to 1. The largest score is subtracted first: this changes nothing mathematically but keeps exp from overflowing on large scores.",
                           formulas: ["m = max_i e_i", "α_i = \\frac{exp(e_i − m)}{Σ_j exp(e_j − m)}"])
            let alpha = recorder.softmax(scores, rowDescription: "target word")
            weightRows.append(alpha)

            recorder.begin("t\(t).weighted-sum", title: "Take the weighted sum of the values", group: group,
                           explanation: "The context vector is the average of the value rows, each weighted by its attention weight. It is what the decoder reads from the source for this word.",
                           formulas: ["context = Σ_i α_i v_i"])
            contextRows.append(recorder.multiply(alpha, inputs.values, key: "context", symbol: "context",
                                                 "the context vector for this word"))
        }
        recorder.begin("alignment", title: "The alignment matrix", group: "Result",
                       explanation: "Stacking every target word's weights gives the alignment: row t shows where the model looked while writing target word t.",
                       formulas: ["A_{t,i} = α_{t,i}"])
        let weights = recorder.stack(weightRows, rows: targets, key: "weights", symbol: "α",
                                     "the attention weights, one row per target word")
        let context = recorder.stack(contextRows, rows: targets, key: "context", symbol: "context",
                                     "the context vectors, one row per target word")
        return AlignmentResult(weights: weights, context: context)
    }
}
