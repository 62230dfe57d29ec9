import AttentionText
import AttentionTrace

/// One map of a comparison: a trace and the name the page gives it.
///
/// The name is the variant unless the entry sets options of its own, as
/// `causal(sliding_window=3)` does beside plain `causal`.
public struct ComparisonEntry: Sendable {
    /// The name of the entry's map, column and table.
    public let label: String
    /// The trace, whose `weights` result the comparison shows.
    public let trace: Trace

    /// Creates an entry named `label`, or the trace's variant when `label` is `nil`.
    public init(_ trace: Trace, label: String? = nil) {
        self.trace = trace
        self.label = label ?? trace.variant
    }
}

/// Several traces of the same sentence, one per entry, ready to be shown side by side.
///
/// Every trace must have a two-dimensional `weights` result over the same rows and columns:
/// target words over source words for the decoder-side mechanisms (and cross-attention), or
/// query words over key words for self-attention and its masks.
struct Comparison {
    /// The entries, in the order given.
    let entries: [ComparisonEntry]
    /// Each trace's weights, labelled with the tokens.
    let alignments: [TensorDisplay]
    /// The sentences, for the top of the page; no target for self-attention.
    let sourceTokens: [String]
    let targetTokens: [String]?
    /// The tokens of the rows (the words that look) and of the columns (the words looked at).
    let rowTokens: [String]
    let columnTokens: [String]
    /// Whether the rows are target words over source words, rather than query words over keys.
    let rowsAreTargetWords: Bool

    /// Checks that the traces can be compared.
    ///
    /// - Throws: ``RenderingError/incomparable(variant:reason:)`` naming the first
    ///   entry without two-dimensional weights or with other rows or columns than the first.
    init(_ entries: [ComparisonEntry]) throws(RenderingError) {
        guard let first = entries.first else { throw .incomparable(variant: "", reason: "there is nothing to compare") }
        var alignments: [TensorDisplay] = []
        for entry in entries {
            let trace = entry.trace
            guard let result = trace.result["weights"], let weights = result.values else {
                throw .incomparable(variant: entry.label, reason: "its result has no weights")
            }
            guard weights.shape.count == 2 else {
                throw .incomparable(variant: entry.label,
                                    reason: "its weights have \(weights.shape.count) axes (\(weights.shape.map(String.init).joined(separator: " × "))), not rows × columns")
            }
            let alignment = TensorDisplay(result: "weights", result, values: weights, in: trace)
            if let firstAlignment = alignments.first {
                guard trace.sourceTokens == first.trace.sourceTokens, trace.targetTokens == first.trace.targetTokens,
                      alignment.rowAxis == firstAlignment.rowAxis, alignment.columnAxis == firstAlignment.columnAxis,
                      weights.shape == firstAlignment.shape else {
                    throw .incomparable(variant: entry.label, reason: "its weights are over other tokens than \(first.label)'s")
                }
            }
            alignments.append(alignment)
        }
        self.entries = entries
        self.alignments = alignments
        sourceTokens = first.trace.sourceTokens ?? []
        targetTokens = first.trace.targetTokens
        let shape = alignments[0].shape
        rowTokens = (0..<shape[0]).map(alignments[0].rowLabel)
        columnTokens = (0..<shape[1]).map(alignments[0].columnLabel)
        rowsAreTargetWords = alignments[0].rowAxis?.name == "target"
    }

    /// What the rows are, as a table's corner names them: `target` or `query`.
    var rowRole: String { rowsAreTargetWords ? "target" : "query" }
    /// What a row is (`target word`, `query word`) and what a column is (`source word`, `key word`).
    var rowNoun: String { rowRole + " word" }
    var columnNoun: String { rowsAreTargetWords ? "source word" : "key word" }

    /// For row `i` under alignment `k`, the column with the largest weight (the first of equals)
    /// and that weight.
    func strongest(_ k: Int, row i: Int) -> (column: Int, weight: Double) {
        let weights = alignments[k].values
        let best = weights.columnOfMaximum(inRow: i) ?? 0
        return (best, weights[i, best])
    }

    /// How evenly row `i` spreads its weight under alignment `k`; `nil` for a fully masked row.
    func spread(_ k: Int, row i: Int) -> RowSpread? {
        let weights = alignments[k].values
        return RowSpread((0..<weights.columnCount).lazy.map { weights[i, $0] })
    }

    /// Where the traces' numbers came from (without counts, which differ by variant),
    /// one sentence per different origin, each prefixed with its entries when the
    /// traces do not all share it.
    var parameterOrigins: [String] {
        var origins: [(sentence: String, labels: [String])] = []
        for entry in entries {
            guard let sentence = ParameterOrigin(entry.trace).sentence(counted: false) else { continue }
            if let k = origins.firstIndex(where: { $0.sentence == sentence }) {
                origins[k].labels.append(entry.label)
            } else {
                origins.append((sentence, [entry.label]))
            }
        }
        guard origins.count > 1 else { return origins.map(\.sentence) }
        return origins.map { $0.labels.joined(separator: ", ") + ": " + $0.sentence }
    }

    /// What a cell of the "where each variant looks" table says for row `i` under alignment `k`.
    func look(_ k: Int, row i: Int) -> Look {
        let (column, weight) = strongest(k, row: i)
        return Look(word: columnTokens[column], position: column, weight: weight, spread: spread(k, row: i))
    }

    /// Where one entry looks from one row, and whether that means anything.
    struct Look {
        /// The column's word with the largest weight, and its position.
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
    var title: String { "Attention compared: " + entries.map(\.label).joined(separator: ", ") }
}
