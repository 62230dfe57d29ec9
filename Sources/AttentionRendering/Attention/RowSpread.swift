import AttentionText
import Foundation

/// How evenly one row of attention weights spreads over the positions it can attend to.
///
/// A row that gives every position about `1/n` of its attention is what random,
/// untrained parameters produce; its largest weight is noise, not a finding. The
/// row is measured by its *evenness*, the entropy of its weights relative to the
/// most a row over `n` positions can have:
///
///     p_j = α_j / Σ_k α_k,    evenness = −Σ_j p_j ln p_j / ln n,
///
/// over the `n` positions with a positive weight (a masked position, or one outside
/// a local window, has weight 0 and is not a choice the row made). The weights are
/// normalised first because a local-p row does not sum to 1. Evenness is 1 for
/// uniform weights and 0 when one position has all of them; a row of one position
/// has evenness 0.
struct RowSpread: Equatable, Sendable {
    /// The evenness from which a row counts as near uniform. A row of seven words
    /// at 0.95 still gives its strongest word less than twice its even share.
    static let nearUniformEvenness = 0.95

    /// `n`: how many positions have a positive weight.
    let positions: Int
    /// The column of the largest weight (the first of equals).
    let strongest: Int
    /// The largest weight's share of the row, `max_j p_j`; `1/n` when the row is uniform.
    let largestShare: Double
    /// `−Σ p_j ln p_j / ln n`, in [0, 1].
    let evenness: Double

    /// The share each position would have if the row were uniform, `1/n`.
    var uniformShare: Double { 1 / Double(positions) }

    /// Whether the row is so close to uniform that where it looks most means nothing:
    /// more than one position and an evenness of at least ``nearUniformEvenness``.
    var isNearUniform: Bool { positions > 1 && evenness >= Self.nearUniformEvenness }

    /// Measures `weights`, one row of an alignment.
    ///
    /// - Returns: `nil` when no weight is positive (a fully masked row).
    init?(_ weights: some Collection<Double>) {
        var total = 0.0, positions = 0, strongest = 0, largest = -Double.infinity
        for (j, weight) in weights.enumerated() where weight > 0 && weight.isFinite {
            total += weight
            positions += 1
            if weight > largest { (strongest, largest) = (j, weight) }
        }
        guard positions > 0, total > 0 else { return nil }
        var entropy = 0.0
        for weight in weights where weight > 0 && weight.isFinite {
            let p = weight / total
            entropy -= p * log(p)
        }
        self.positions = positions
        self.strongest = strongest
        largestShare = largest / total
        evenness = positions > 1 ? min(max(entropy / log(Double(positions)), 0), 1) : 0
    }
}

/// The spread of every row of an alignment (of every head's, for stacked heads).
struct AlignmentSpread {
    /// One measured row: its slice (`head 1`, or empty), its label, and its spread.
    struct Row {
        let slice: String
        let label: String
        let spread: RowSpread
    }

    /// The rows, slice by slice, top to bottom; fully masked rows are left out.
    let rows: [Row]
    /// What the rows and columns are, such as `target` and `source`.
    let rowAxis: String
    let columnAxis: String
    /// The column labels, to name where each row looks most.
    private let columnLabels: [String]

    /// The spread of `weights` when a page shows its rows one by one: when they fit a
    /// table (``TensorDisplay/isLarge`` is false) and at least one row has a positive weight.
    init?(shownIn weights: TensorDisplay) {
        guard !weights.isLarge else { return nil }
        self.init(weights)
        if rows.isEmpty { return nil }
    }

    /// Measures each row of `weights`.
    init(_ weights: TensorDisplay) {
        var rows: [Row] = []
        for slice in weights.slices {
            for i in 0..<slice.rows {
                let row = (0..<slice.columns).lazy.map { slice.value(i, $0, in: weights.values) }
                if let spread = RowSpread(row) { rows.append(Row(slice: slice.title, label: weights.rowLabel(i), spread: spread)) }
            }
        }
        self.rows = rows
        rowAxis = weights.rowAxis?.name ?? "row"
        columnAxis = weights.columnAxis?.name ?? "column"
        columnLabels = (0..<(weights.values.shape.last ?? 0)).map(weights.columnLabel)
    }

    /// The label of the column where `row` looks most.
    func strongestLabel(of row: Row) -> String {
        columnLabels.indices.contains(row.spread.strongest) ? columnLabels[row.spread.strongest] : String(row.spread.strongest)
    }

    /// How many rows are near uniform.
    var nearUniformCount: Int { rows.count { $0.spread.isNearUniform } }

    /// One sentence for the top of the table: what the measure is, and how many rows are near uniform.
    var summary: String {
        "Each row's evenness is the entropy of its weights divided by ln n, the most a row over its n positions can have: "
            + "1 means every \(columnAxis) position gets 1/n, 0 that one gets everything. "
            + "\(nearUniformCount) of \(rows.count) rows are near uniform (evenness at least "
            + "\(RowSpread.nearUniformEvenness)); where a near-uniform row looks most is noise, not a finding."
    }

    /// The table as rows of text: a header, then each row's label, strongest column,
    /// largest share against `1/n`, evenness and whether it is near uniform (`yes` or `no`).
    var textRows: [[String]] {
        let header = (rows.contains { !$0.slice.isEmpty } ? ["head"] : [])
            + [rowAxis, "looks most at", "largest weight", "1/n", "evenness", "near uniform"]
        return [header] + rows.map { row in
            (header.count == 7 ? [row.slice] : [])
                + [row.label, strongestLabel(of: row), NumberFormatting.fixed(row.spread.largestShare),
                   "1/\(row.spread.positions) = \(NumberFormatting.fixed(row.spread.uniformShare))",
                   NumberFormatting.fixed(row.spread.evenness),
                   row.spread.isNearUniform ? "yes" : "no"]
        }
    }
}
