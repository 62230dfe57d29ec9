import AttentionTrace

/// Draws a tensor as labelled HTML tables, one per matrix slice.
///
/// Every cell carries `id`, `data-tensor`, `data-row` and `data-col`, and is
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
                let row = addressable ? CellRow(id: id, index: slice.index(i, 0, dimensions: dimensions), row: i) : nil
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
    static func appendCaption(of tensor: TensorDisplay, to html: inout TextBuffer) {
        html += tensor.symbol.mathML(display: .inline)
        html += " <span class=\"description\">"
        appendEscapedHTML(tensor.description, to: &html)
        html += "</span> <span class=\"shape\">"
        appendEscapedHTML(tensor.shapeDescription, to: &html)
        html += "</span> <code>"
        appendEscapedHTML(tensor.id, to: &html)
        html += "</code>"
    }

    /// What the cells of one table row share: the start of their `id` and their `data-*` attributes.
    struct CellRow {
        /// `t0.e[0,` (or `v_a[` for a vector, `w[1,0,` for a head's row): the `id` up to the column.
        let idPrefix: String
        /// ` data-tensor="t0.e" data-row="0" data-col="`: the attributes up to the column.
        let attributes: String

        /// The row `row` of a slice, whose first cell has the full `index`, of the tensor whose escaped identifier is `id`.
        init(id: String, index: [Int], row: Int) {
            var prefix = TextBuffer(capacity: id.utf8.count + 32), attributes = TextBuffer(capacity: id.utf8.count + 64)
            prefix += id
            prefix += "["
            for coordinate in index.dropLast() {
                prefix.append(decimal: coordinate)
                prefix += ","
            }
            attributes += "\" data-tensor=\""
            attributes += id
            attributes += "\" data-row=\""
            attributes.append(decimal: row)
            attributes += "\" data-col=\""
            (idPrefix, self.attributes) = (prefix.text, attributes.text)
        }
    }

    /// Appends the `<td>` for one entry: `<td id="t0.e[0,2]" data-tensor="t0.e" data-row="0" data-col="2">0.1234</td>`.
    ///
    /// - Parameters:
    ///   - row: What the row's cells share; the column completes the `id` (the entry's full index) and `data-col`.
    ///   - column: The column within the slice.
    ///   - value: The entry; −∞ is shown as masked, never as a number.
    static func appendCell(_ row: CellRow, column: Int, value: Double, to html: inout TextBuffer) {
        html += value == -.infinity ? "<td class=\"masked\" title=\"masked (−∞)\" id=\"" : "<td id=\""
        html += row.idPrefix
        html.append(decimal: column)
        html += "]"
        html += row.attributes
        html.append(decimal: column)
        html += "\">"
        NumberFormatting.appendFixed(value, to: &html)
        html += "</td>"
    }
}
