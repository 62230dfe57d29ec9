import AttentionTrace

/// Writes a tensor as aligned plain-text tables for a fenced code block in
/// Markdown (cmark 0.30 has no pipe tables).
///
/// Row labels are left-aligned in the first column; numbers are right-aligned
/// under column labels, with four decimals; −∞ is written `masked`. A tensor
/// with more than two dimensions gets one table per slice, each headed by its
/// title (`head 0:`).
///
/// - Complexity: O(size of the output).
func textTables(for tensor: TensorDisplay) -> String {
    var text = ""
    for (number, slice) in tensor.slices.enumerated() {
        if number > 0 { text += "\n" }
        if !slice.title.isEmpty { text += "\(slice.title):\n" }
        appendTextTable(slice, of: tensor, to: &text)
    }
    return text
}

private func appendTextTable(_ slice: MatrixSlice, of tensor: TensorDisplay, to text: inout String) {
    let rowLabels = [tensor.cornerLabel] + (0..<slice.rows).map(tensor.rowLabel)
    let columnLabels = (0..<slice.columns).map(tensor.columnLabel)
    let cells = (0..<slice.rows).map { i in
        (0..<slice.columns).map { j in NumberFormatting.fixed(slice.value(i, j, in: tensor.values)) }
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
