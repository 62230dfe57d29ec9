import AttentionTrace

/// Draws a tensor as labelled HTML tables, one per matrix slice.
///
/// Every cell carries `id`, `data-tensor`, `data-row` and `data-col`, and is
/// drawn by ``appendCell(of:at:row:column:value:to:)`` alone, so that an
/// explanation of each number can be attached in one place.
enum TensorTable {
    /// Appends a scrollable `<table>` per slice of `tensor`.
    ///
    /// - Parameter addressable: Whether cells carry their `id` and `data-*` attributes;
    ///   a second table of the same tensor on a page (a heatmap's table alternative) must not.
    static func append(_ tensor: TensorDisplay, addressable: Bool = true, to html: inout String) {
        let dimensions = tensor.values.shape.count
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
            for j in 0..<slice.columns {
                html += "<th scope=\"col\"><bdi>"
                appendEscapedHTML(tensor.columnLabel(j), to: &html)
                html += "</bdi></th>"
            }
            html += "</tr></thead>\n<tbody>\n"
            for i in 0..<slice.rows {
                html += "<tr><th scope=\"row\"><bdi>"
                appendEscapedHTML(tensor.rowLabel(i), to: &html)
                html += "</bdi></th>"
                for j in 0..<slice.columns where !addressable {
                    let value = slice.value(i, j, in: tensor.values)
                    html += value == -.infinity ? "<td class=\"masked\">masked</td>" : "<td>\(NumberFormatting.fixed(value))</td>"
                }
                for j in 0..<slice.columns where addressable {
                    appendCell(of: tensor.id, at: slice.index(i, j, dimensions: dimensions), row: i, column: j,
                               value: slice.value(i, j, in: tensor.values), to: &html)
                }
                html += "</tr>\n"
            }
            html += "</tbody></table></div>\n"
        }
    }

    /// The symbol as MathML, the description, the shape and the identifier.
    static func appendCaption(of tensor: some DisplayedTensor, to html: inout String) {
        html += tensor.symbol.mathML(display: .inline)
        html += " <span class=\"description\">"
        appendEscapedHTML(tensor.description, to: &html)
        html += "</span> <span class=\"shape\">"
        appendEscapedHTML(tensor.shapeDescription, to: &html)
        html += "</span> <code>"
        appendEscapedHTML(tensor.id, to: &html)
        html += "</code>"
    }

    /// Appends the `<td>` for one entry of tensor `id`.
    ///
    /// - Parameters:
    ///   - index: The entry's full index, one coordinate per dimension; it names the cell's `id`, `t0.e[0,2]`.
    ///   - row: The row within the slice, for `data-row`.
    ///   - column: The column within the slice, for `data-col`.
    ///   - value: The entry; −∞ is shown as masked, never as a number.
    static func appendCell(of id: TensorID, at index: [Int], row: Int, column: Int, value: Double,
                           to html: inout String) {
        let isMasked = value == -.infinity
        html += isMasked ? "<td class=\"masked\" title=\"masked (−∞)\" id=\"" : "<td id=\""
        appendEscapedHTML("\(id)[\(index.map(String.init).joined(separator: ","))]", to: &html)
        html += "\" data-tensor=\""
        appendEscapedHTML(id, to: &html)
        html += "\" data-row=\"\(row)\" data-col=\"\(column)\">"
        html += isMasked ? "masked" : NumberFormatting.fixed(value)
        html += "</td>"
    }
}
