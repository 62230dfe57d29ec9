import AttentionText
import AttentionTrace

/// Writes a tensor as aligned plain-text tables for a fenced code block in
/// Markdown (cmark 0.30 has no pipe tables).
///
/// Row labels are left-aligned in the first column; numbers are right-aligned
/// under column labels, with four decimals; −∞ is written `masked`. A tensor
/// with more than two dimensions gets one table per slice, each headed by its
/// title (`head 0:`).
///
/// A tensor above ``TensorDisplay/largestInteractiveHeatmap`` numbers is shown
/// from its ``TensorSummary``, as a tensor the trace kept only a summary of is.
///
/// - Complexity: O(size of the output).
func textTables(for tensor: TensorDisplay) -> String {
    guard tensor.values.scalars.count <= TensorDisplay.largestInteractiveHeatmap else {
        return textTables(for: tensor, summary: TensorSummary(tensor.values))
    }
    var text = ""
    for (number, slice) in tensor.slices.enumerated() {
        if number > 0 { text += "\n" }
        if !slice.title.isEmpty { text += "\(slice.title):\n" }
        appendTextTable(of: tensor, rows: Array(0..<slice.rows), columns: Array(0..<slice.columns),
                        to: &text) { i, j in slice.value(i, j, in: tensor.values) }
    }
    return text
}

/// A summary line (shape, minimum, maximum, mean over every slice) and, per slice,
/// the table of its first and last ``TensorSummary/edgeCount`` rows and columns.
func textTables(for tensor: some DisplayedTensor, summary: TensorSummary) -> String {
    let unmasked = summary.slices.map { $0.rows * $0.columns - $0.maskedCount }
    let total = unmasked.reduce(0, +)
    let mean = total > 0 ? zip(summary.slices, unmasked).map { ($0.mean ?? 0) * Double($1) }.reduce(0, +) / Double(total) : nil
    let masked = summary.slices.map(\.maskedCount).reduce(0, +)
    var text = "\(tensor.shapeDescription): minimum \(summary.range.map { NumberFormatting.fixed($0.lowerBound) } ?? "none"), "
        + "maximum \(summary.range.map { NumberFormatting.fixed($0.upperBound) } ?? "none"), "
        + "mean \(mean.map(NumberFormatting.fixed) ?? "none")"
        + (masked > 0 ? ", \(masked) masked" : "")
        + "; only the first and last \(TensorSummary.edgeCount) rows and columns are shown\n\n"
    for (number, (slice, edges)) in zip(tensor.slices, summary.slices).enumerated() {
        if number > 0 { text += "\n" }
        if !slice.title.isEmpty { text += "\(slice.title):\n" }
        appendTextTable(of: tensor, rows: elided(edges.edgeRows), columns: elided(edges.edgeColumns), to: &text) {
            edges.edges[$0, $1]
        }
    }
    return text
}

/// `positions`, with a `nil` (written `…`) where consecutive ones skip some.
private func elided(_ positions: [Int]) -> [Int?] {
    var shown: [Int?] = []
    for (k, position) in positions.enumerated() {
        if k > 0, position > positions[k - 1] + 1 { shown.append(nil) }
        shown.append(position)
    }
    return shown
}

/// Appends one aligned table of the given rows and columns (`nil` is a `…` row or column);
/// `value(r, c)` is the number in the `r`-th shown row and `c`-th shown column, not counting `…`.
private func appendTextTable(of tensor: some DisplayedTensor, rows: [Int?], columns: [Int?], to text: inout String,
                             value: (Int, Int) -> Double) {
    let rowLabels = [tensor.cornerLabel] + rows.map { $0.map(tensor.rowLabel) ?? "…" }
    let columnLabels = columns.map { $0.map(tensor.columnLabel) ?? "…" }
    /// The ordinal of each shown position among those that are not `…`.
    func ordinals(_ positions: [Int?]) -> [Int?] {
        var next = 0
        return positions.map { position in
            guard position != nil else { return nil }
            defer { next += 1 }
            return next
        }
    }
    let cells = ordinals(rows).map { r in
        ordinals(columns).map { c in
            guard let r, let c else { return "…" }
            return NumberFormatting.fixed(value(r, c))
        }
    }
    let labelWidth = rowLabels.map(\.count).max() ?? 0
    let columnWidths = columnLabels.indices.map { j in
        cells.reduce(columnLabels[j].count) { max($0, $1[j].count) }
    }

    func append(_ label: String, _ row: [String]) {
        text += label
        var line = label.count
        var target = labelWidth
        for (cell, width) in zip(row, columnWidths) {
            target += 2 + width
            text += String(repeating: " ", count: target - line - cell.count)
            text += cell
            line = target
        }
        text += "\n"
    }
    append(rowLabels[0], columnLabels)
    for (i, row) in cells.enumerated() {
        append(rowLabels[i + 1], row)
    }
}
