import AttentionTrace

/// Several traces of the same sentence pair, one per variant, ready to be shown side by side.
///
/// Every trace must have a `weights` result of shape m × n with the same
/// source and target tokens, which is what decoder-side mechanisms produce.
struct Comparison {
    /// The traces, in the order given.
    let traces: [Trace]
    /// Each trace's weights, labelled with the tokens.
    let alignments: [TensorDisplay]
    let sourceTokens: [String]
    let targetTokens: [String]

    /// Checks that the traces can be compared.
    ///
    /// - Throws: ``RenderingError/incomparable(variant:reason:)`` naming the first
    ///   trace without m × n weights or with other tokens than the first.
    init(_ traces: [Trace]) throws(RenderingError) {
        guard let first = traces.first else { throw .incomparable(variant: "", reason: "there is nothing to compare") }
        let source = first.sourceTokens ?? [], target = first.targetTokens ?? []
        var alignments: [TensorDisplay] = []
        for trace in traces {
            guard let result = trace.result["weights"], let weights = result.values, weights.shape.count == 2 else {
                throw .incomparable(variant: trace.variant, reason: "its result has no target × source weights")
            }
            guard trace.sourceTokens ?? [] == source, trace.targetTokens ?? [] == target,
                  weights.shape == [target.count, source.count] else {
                throw .incomparable(variant: trace.variant, reason: "it was traced on other tokens than \(first.variant)")
            }
            alignments.append(TensorDisplay(result: "weights", result, values: weights, in: trace))
        }
        self.traces = traces
        self.alignments = alignments
        sourceTokens = source
        targetTokens = target
    }

    /// For target word `t` under alignment `k`, the source position with the largest
    /// weight (the first of equals) and that weight.
    func strongest(_ k: Int, target t: Int) -> (source: Int, weight: Double) {
        let weights = alignments[k].values
        let best = weights.columnOfMaximum(inRow: t) ?? 0
        return (best, weights[t, best])
    }

    /// The title of the page.
    var title: String { "Attention compared: " + traces.map(\.variant).joined(separator: ", ") }
}
