import AttentionText
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

    /// How evenly target word `t` spreads its weight under alignment `k`; `nil` for a fully masked row.
    func spread(_ k: Int, target t: Int) -> RowSpread? {
        let weights = alignments[k].values
        return RowSpread((0..<weights.columnCount).lazy.map { weights[t, $0] })
    }

    /// Where the traces' numbers came from (without counts, which differ by variant),
    /// one sentence per different origin, each prefixed with its variants when the
    /// traces do not all share it.
    var parameterOrigins: [String] {
        var origins: [(sentence: String, variants: [String])] = []
        for trace in traces {
            guard let sentence = ParameterOrigin(trace).sentence(counted: false) else { continue }
            if let k = origins.firstIndex(where: { $0.sentence == sentence }) {
                origins[k].variants.append(trace.variant)
            } else {
                origins.append((sentence, [trace.variant]))
            }
        }
        guard origins.count > 1 else { return origins.map(\.sentence) }
        return origins.map { $0.variants.joined(separator: ", ") + ": " + $0.sentence }
    }

    /// What a cell of the "where each variant looks" table says for target word `t`
    /// under alignment `k`.
    func look(_ k: Int, target t: Int) -> Look {
        let (source, weight) = strongest(k, target: t)
        return Look(word: sourceTokens[source], position: source, weight: weight, spread: spread(k, target: t))
    }

    /// Where one variant looks for one target word, and whether that means anything.
    struct Look {
        /// The source word with the largest weight, and its position.
        let word: String
        let position: Int
        /// That weight.
        let weight: Double
        /// How evenly the row spreads; `nil` for a fully masked row.
        let spread: RowSpread?

        /// Whether the row is near uniform, so that its strongest word is noise and is not named.
        var isNearUniform: Bool { spread?.isNearUniform ?? false }

        /// `0.9000`, or for a near-uniform row `largest 0.1737 vs 1/7 = 0.1429`.
        var weightText: String {
            guard let spread, spread.isNearUniform else { return NumberFormatting.fixed(weight) }
            return "largest \(NumberFormatting.fixed(weight)) vs 1/\(spread.positions) = \(NumberFormatting.fixed(spread.uniformShare))"
        }

        /// `evenness 0.5310`, or `masked` for a row with no positive weight.
        var evennessText: String {
            spread.map { "evenness \(NumberFormatting.fixed($0.evenness))" } ?? "masked"
        }

        /// The cell as plain text: `le #0 0.9000, evenness 0.5310` or
        /// `near uniform: largest 0.1737 vs 1/7 = 0.1429, evenness 0.9953`.
        var plainText: String {
            (isNearUniform ? "near uniform: " : "\(word) #\(position) ") + weightText + ", " + evennessText
        }
    }

    /// The title of the page.
    var title: String { "Attention compared: " + traces.map(\.variant).joined(separator: ", ") }
}
