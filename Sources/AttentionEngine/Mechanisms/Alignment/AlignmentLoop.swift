import AttentionMath
import AttentionTrace

/// The outputs of a decoder-side mechanism: the alignment matrix (target x source)
/// and one context vector per target word.
struct AlignmentResult {
    var weights: TracedMatrix
    var context: TracedMatrix

    /// The trace's `result`: `weights` and `context`.
    var tensors: [String: TraceRecorder.ResultTensor] {
        ["weights": .matrix(weights), "context": .matrix(context)]
    }
}

/// The per-target-word loop that every decoder-side mechanism shares (additive,
/// the Luong scores, global and local attention).
///
/// For each query row `t` it records: the local window's predicted centre
/// (local-p), the scores, the window (local), the softmax, the Gaussian
/// re-weighting (local-p) and the weighted sum; finally it stacks the rows into
/// the alignment matrix and the contexts.
struct AlignmentLoop {
    let inputs: AlignmentInputs
    let scorer: AlignmentScorer
    /// The local window, or `nil` for global attention over every source position.
    let window: LocalWindow?

    func trace(recorder: TraceRecorder) -> AlignmentResult {
        let targets = inputs.query.rows
        let m = inputs.query.value.rows
        var weightRows: [TracedMatrix] = [], contextRows: [TracedMatrix] = []
        for t in 0..<m {
            let (weights, context) = attend(t, group: "Target word \(t + 1) of \(m): \(targets.label(t))", recorder: recorder)
            weightRows.append(weights)
            contextRows.append(context)
        }
        return Self.stack(weights: weightRows, contexts: contextRows, targets: targets, recorder: recorder)
    }

    /// Records target word `t`'s steps (its window's centre, the scores, the window, the
    /// softmax, the Gaussian and the weighted sum) in `group`, and returns its weights and context.
    func attend(_ t: Int, group: String, recorder: TraceRecorder) -> (weights: TracedMatrix, context: TracedMatrix) {
        // The scorer's inputs hold the query in force: a decoder replaces it at every word.
        let centre = window?.predictCentre(t, group: group, inputs: scorer.inputs, recorder: recorder)
        var scores = scorer.score(t, group: group, recorder: recorder)
        if let window {
            scores = window.restrict(scores, t, centre: centre, group: group, recorder: recorder)
        }
        let isPredictive = window?.isPredictive ?? false
        recorder.begin("t\(t).normalise", title: "Normalise the scores into weights", group: group,
                       explanation: "The softmax turns scores into positive weights that sum to 1\(window == nil ? "" : " over the window; masked positions get exactly 0"). The largest score is subtracted first: this changes nothing mathematically but keeps exp from overflowing on large scores.",
                       formulas: ["m = max_i e_i", "\(isPredictive ? "a" : "α")_i = \\frac{exp(e_i − m)}{Σ_j exp(e_j − m)}"])
        var symbols = TraceRecorder.SoftmaxSymbols()
        if isPredictive { symbols.weights = "a" }
        var alpha = recorder.softmax(scores, symbols: symbols, rowDescription: "target word")
        if let window, let centre, isPredictive {
            alpha = window.reweight(alpha, t, centre: centre, group: group, recorder: recorder)
        }
        recorder.begin("t\(t).weighted-sum", title: "Take the weighted sum of the values", group: group,
                       explanation: "The context vector is the sum of the value rows, each multiplied by its attention weight. It is what the decoder reads from the source for this word.",
                       formulas: ["context = Σ_i α_i v_i"])
        let context = recorder.multiply(alpha, inputs.values, key: "context", symbol: "context",
                                        "the context vector for this word")
        return (alpha, context)
    }

    /// Records the alignment step: every target word's weights and context stacked, one row
    /// per word of `targets`.
    static func stack(weights weightRows: [TracedMatrix], contexts contextRows: [TracedMatrix], targets: Axis,
                      recorder: TraceRecorder) -> AlignmentResult {
        recorder.begin("alignment", title: "The alignment matrix", group: "Alignment",
                       explanation: "Stacking every target word's weights gives the alignment: row t shows where the model looked while writing target word t.",
                       formulas: ["A_{t,i} = α_{t,i}"])
        let weights = recorder.stack(weightRows, rows: targets, key: "weights", symbol: "α",
                                     "the attention weights, one row per target word")
        let context = recorder.stack(contextRows, rows: targets, key: "context", symbol: "context",
                                     "the context vectors, one row per target word")
        return AlignmentResult(weights: weights, context: context)
    }
}
