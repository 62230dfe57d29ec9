import AttentionTrace

/// Draws a tensor as labelled HTML tables, one per matrix slice.
///
/// A table carries `data-tensor` (the identifier, which finds the tensor's data island)
/// and each row `data-index` (the cell index before the column: `2,` in a matrix, `1,2,`
/// in a stack, nothing in a vector). The cells themselves are bare `<td>`s, drawn by
/// ``writeCell(_:column:value:to:)`` alone: the page script gives each its `id` (the
/// tensor's identifier and the cell's index) when the page loads, which keeps a long
/// walkthrough's tables a third of the size they would be with the ids written out.
enum TensorTable {
    /// Writes a scrollable `<table>` per slice of `tensor`.
    ///
    /// - Parameters:
    ///   - addressable: Whether the table and its rows carry the `data-*` attributes
    ///     that address its cells; a second table of the same tensor on a page (a heatmap's
    ///     table alternative) must not.
    ///   - inFigure: Whether a `<figcaption>` around the table already says what the tensor
    ///     is (``writeCaption(of:to:)``), so that each table's `<caption>` holds only its
    ///     slice's title. The figure's caption runs as wide as the page; a table's own
    ///     caption is as narrow as the table, which squeezed it into a few words a line
    ///     above a vector of two numbers.
    /// - Complexity: O(number of cells); labels and the identifier are escaped once per table.
    static func write(_ tensor: TensorDisplay, addressable: Bool = true, inFigure: Bool = false, to html: inout HTMLWriter) {
        let dimensions = tensor.values.shape.count
        let scalars = tensor.values.scalars
        var headers = HTMLWriter(capacity: 64 * tensor.values.columnCount)
        for j in 0..<tensor.values.columnCount {
            headers.start("th")
            headers.attribute("scope", "col")
            headers.end()
            headers.element("bdi", text: tensor.columnLabel(j))
            headers.close("th")
        }
        let columnHeaders = headers.fragment
        for slice in tensor.slices {
            html.open("div", class: "scroll")
            html.start("table")
            html.attribute("class", "tensor")
            if addressable { html.attribute("data-tensor", tensor.id) }
            html.end()
            html.markup("\n")
            if !inFigure || !slice.title.isEmpty {
                html.open("caption")
                if !inFigure { writeCaption(of: tensor, to: &html) }
                if !slice.title.isEmpty {
                    if !inFigure { html.markup(" ") }
                    html.open("span", class: "slice")
                    html.text(slice.title)
                    html.close("span")
                }
                html.close("caption")
                html.markup("\n")
            }
            html.open("thead")
            html.open("tr")
            html.start("th")
            html.attribute("scope", "col")
            html.attribute("class", "corner")
            html.end()
            html.text(tensor.cornerLabel)
            html.close("th")
            html.append(columnHeaders)
            html.close("tr")
            html.close("thead")
            html.markup("\n")
            html.open("tbody")
            html.markup("\n")
            for i in 0..<slice.rows {
                let index = slice.index(i, 0, dimensions: dimensions).dropLast()
                if addressable, !index.isEmpty {
                    html.start("tr")
                    html.startAttribute("data-index")
                    for coordinate in index {
                        html.decimal(coordinate)
                        html.markup(",")
                    }
                    html.endAttribute()
                    html.end()
                } else {
                    html.open("tr")
                }
                // Literal markup around the label and the cells: a long walkthrough writes some
                // 14,000 row headers and 35,000 cells, and each tag through start/attribute/close
                // is several appends.
                html.markup("<th scope=\"row\"><bdi>")
                html.text(tensor.rowLabel(i))
                html.markup("</bdi></th>")
                for j in 0..<slice.columns {
                    writeCell(value: scalars[slice.offset + i * slice.columns + j], to: &html)
                }
                html.close("tr")
                html.markup("\n")
            }
            html.close("tbody")
            html.close("table")
            html.close("div")
            html.markup("\n")
        }
    }

    /// The symbol as MathML, the description, the shape and the identifier.
    static func writeCaption(of tensor: some DisplayedTensor, to html: inout HTMLWriter) {
        html.rawHTML(tensor.symbol.mathML(display: .inline))
        html.markup(" ")
        html.open("span", class: "description")
        html.text(tensor.description)
        html.close("span")
        html.markup(" ")
        html.open("span", class: "shape")
        html.text(tensor.shapeDescription)
        html.close("span")
        html.markup(" ")
        html.element("code", text: tensor.id)
    }

    /// Writes the `<td>` for one entry: `<td>0.1234</td>`, or for −∞ (a masked
    /// entry, never shown as a number) `<td class="masked" title="masked (−∞)">masked</td>`.
    static func writeCell(value: Double, to html: inout HTMLWriter) {
        if value == -.infinity {
            html.markup("<td class=\"masked\" title=\"masked (−∞)\">")
        } else {
            html.markup("<td>")
        }
        html.fixed(value)
        html.markup("</td>")
    }
}
