/// `rows` as plain text in columns: each cell padded to its column's widest, two
/// spaces between columns, no trailing space, a newline after every row.
///
/// - Parameter rows: The cells, row by row; every row has as many as the first.
func alignedColumns(_ rows: [[String]]) -> String {
    guard let first = rows.first else { return "" }
    let widths = first.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
    return rows.map { row in
        zip(row, widths).map { $0 + String(repeating: " ", count: $1 - $0.count) }.joined(separator: "  ")
            .replacing(/\s+$/, with: "")
    }.joined(separator: "\n") + "\n"
}
