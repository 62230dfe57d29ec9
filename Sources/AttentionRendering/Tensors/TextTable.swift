import AttentionTrace

/// Writes a tensor as aligned plain-text tables for a fenced code block in
/// Markdown (cmark 0.30 has no pipe tables).
///
/// Row labels are left-aligned in the first column; numbers are right-aligned
/// under column labels, with four decimals; −∞ is written `masked`. A tensor
/// with more than two dimensions gets one table per slice, each headed by its
/// title (`head 0:`).
///
/// A tensor above ``TensorDisplay/largestInteractiveHeatmap`` numbers starts with
/// a summary line (shape, minimum, maximum, mean) and shows only its first and
/// last ``elidedTableEdge`` rows and columns, with `…` for the rest.
///
/// - Complexity: O(size of the output).
func textTables(for tensor: TensorDisplay) -> String {
    var text = ""
    let isElided = tensor.values.scalars.count > TensorDisplay.largestInteractiveHeatmap
    if isElided {
        let summary = ValueSummary(tensor.values.scalars)
        text += "\(tensor.shapeDescription): minimum \(summary.minimum.map(NumberFormatting.fixed) ?? "none"), "
            + "maximum \(summary.maximum.map(NumberFormatting.fixed) ?? "none"), "
            + "mean \(summary.mean.map(NumberFormatting.fixed) ?? "none")"
            + (summary.maskedCount > 0 ? ", \(summary.maskedCount) masked" : "")
            + "; only the first and last \(elidedTableEdge) rows and columns are shown\n\n"
    }
    for (number, slice) in tensor.slices.enumerated() {
        if number > 0 { text += "\n" }
        if !slice.title.isEmpty { text += "\(slice.title):\n" }
        appendTextTable(slice, of: tensor, rows: shownPositions(slice.rows, elided: isElided),
                        columns: shownPositions(slice.columns, elided: isElided), to: &text)
    }
    return text
}

/// The rows (or columns) kept at each end of an elided table.
let elidedTableEdge = 3

/// Every position below `count`, or when `elided` and there are more than twice
/// ``elidedTableEdge``, the first and last few around a `nil` that stands for `…`.
private func shownPositions(_ count: Int, elided: Bool) -> [Int?] {
    guard elided, count > 2 * elidedTableEdge else { return Array(0..<count) }
    return Array(0..<elidedTableEdge) + [nil] + Array((count - elidedTableEdge)..<count)
}

private func appendTextTable(_ slice: MatrixSlice, of tensor: TensorDisplay, rows: [Int?], columns: [Int?],
                             to text: inout String) {
    let rowLabels = [tensor.cornerLabel] + rows.map { $0.map(tensor.rowLabel) ?? "…" }
    let columnLabels = columns.map { $0.map(tensor.columnLabel) ?? "…" }
    let cells = rows.map { i in
        columns.map { j in
            guard let i, let j else { return "…" }
            return NumberFormatting.fixed(slice.value(i, j, in: tensor.values))
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
