import AttentionTrace

/// Draws a tensor as labelled HTML tables, one per matrix slice.
///
/// Every cell carries its `id` (the tensor's identifier and the cell's index) and
/// `data-tensor` (the identifier, which finds the tensor's data island), and is
/// drawn by ``appendCell(_:column:value:to:)`` alone, so that an explanation of
/// each number can be attached in one place.
enum TensorTable {
    /// Appends a scrollable `<table>` per slice of `tensor`.
    ///
    /// - Parameter addressable: Whether cells carry their `id` and `data-*` attributes;
    ///   a second table of the same tensor on a page (a heatmap's table alternative) must not.
    /// - Complexity: O(number of cells); labels and the identifier are escaped once per table.
    static func append(_ tensor: TensorDisplay, addressable: Bool = true, to html: inout TextBuffer) {
        let id = escapedHTML(tensor.id)
        let cellAttributes = CellRow.attributes(id: id)
        let dimensions = tensor.values.shape.count
        let scalars = tensor.values.scalars
        let columnHeaders = (0..<tensor.values.columnCount).map { j in
            "<th scope=\"col\"><bdi>" + escapedHTML(tensor.columnLabel(j)) + "</bdi></th>"
        }.joined()
        for slice in tensor.slices {
            html += "<div class=\"scroll\"><table class=\"tensor\">\n<caption>"
            appendCaption(of: tensor, to: &html)
            if !slice.title.isEmpty {
                html += " <span class=\"slice\">"
                appendEscapedHTML(slice.title, to: &html)
                html += "</span>"
            }
            html += "</caption>\n<thead><tr><th scope=\"col\" class=\"corner\">"
            appendEscapedHTML(tensor.cornerLabel, to: &html)
            html += "</th>"
            html += columnHeaders
            html += "</tr></thead>\n<tbody>\n"
            for i in 0..<slice.rows {
                html += "<tr><th scope=\"row\"><bdi>"
                appendEscapedHTML(tensor.rowLabel(i), to: &html)
                html += "</bdi></th>"
                let row = addressable ? CellRow(id: id, index: slice.index(i, 0, dimensions: dimensions), attributes: cellAttributes) : nil
                for j in 0..<slice.columns {
                    let value = scalars[slice.offset + i * slice.columns + j]
                    if let row {
                        appendCell(row, column: j, value: value, to: &html)
                    } else {
                        html += value == -.infinity ? "<td class=\"masked\">" : "<td>"
                        NumberFormatting.appendFixed(value, to: &html)
                        html += "</td>"
                    }
                }
                html += "</tr>\n"
            }
            html += "</tbody></table></div>\n"
        }
    }

    /// The symbol as MathML, the description, the shape and the identifier.
    static func appendCaption(of tensor: some DisplayedTensor, to html: inout TextBuffer) {
        html += tensor.symbol.mathML(display: .inline)
        html += " <span class=\"description\">"
        appendEscapedHTML(tensor.description, to: &html)
        html += "</span> <span class=\"shape\">"
        appendEscapedHTML(tensor.shapeDescription, to: &html)
        html += "</span> <code>"
        appendEscapedHTML(tensor.id, to: &html)
        html += "</code>"
    }

    /// What the cells of one table row share: the start of their `id`, and the attributes after it.
    struct CellRow {
        /// `t0.e[0,` (or `v_a[` for a vector, `w[1,0,` for a head's row): the `id` up to the column.
        let idPrefix: String
        /// `]" data-tensor="t0.e">`: the end of the `id` and the rest of the tag, the same for every row.
        let attributes: String

        /// The row of a slice whose first cell has the full `index`, of the tensor whose escaped identifier is `id`.
        init(id: String, index: [Int], attributes: String) {
            var prefix = TextBuffer(capacity: id.utf8.count + 32)
            prefix += id
            prefix += "["
            for coordinate in index.dropLast() {
                prefix.append(decimal: coordinate)
                prefix += ","
            }
            idPrefix = prefix.text
            self.attributes = attributes
        }

        /// ``attributes`` for the tensor whose escaped identifier is `id`.
        static func attributes(id: String) -> String {
            "]\" data-tensor=\"" + id + "\">"
        }
    }

    /// Appends the `<td>` for one entry: `<td id="t0.e[0,2]" data-tensor="t0.e">0.1234</td>`.
    ///
    /// - Parameters:
    ///   - row: What the row's cells share; the column completes the `id`, the entry's full index.
    ///   - column: The column within the slice.
    ///   - value: The entry; −∞ is shown as masked, never as a number.
    static func appendCell(_ row: CellRow, column: Int, value: Double, to html: inout TextBuffer) {
        html += value == -.infinity ? "<td class=\"masked\" title=\"masked (−∞)\" id=\"" : "<td id=\""
        html += row.idPrefix
        html.append(decimal: column)
        html += row.attributes
        NumberFormatting.appendFixed(value, to: &html)
        html += "</td>"
    }
}
