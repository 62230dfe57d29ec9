import AttentionTrace

/// Draws a tensor as labelled HTML tables, one per matrix slice.
///
/// Every cell carries its `id` (the tensor's identifier and the cell's index) and
/// `data-tensor` (the identifier, which finds the tensor's data island), and is
/// drawn by ``appendCell(_:column:value:to:)`` alone, so that an explanation of
/// each number can be attached in one place.
enum TensorTable {
    /// Writes a scrollable `<table>` per slice of `tensor`.
    ///
    /// - Parameter addressable: Whether cells carry their `id` and `data-*` attributes;
    ///   a second table of the same tensor on a page (a heatmap's table alternative) must not.
    /// - Complexity: O(number of cells); labels and the identifier are escaped once per table.
    static func write(_ tensor: TensorDisplay, addressable: Bool = true, to html: inout HTMLWriter) {
        let id = HTMLFragment(escaping: tensor.id)
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
            html.open("table", class: "tensor")
            html.text("\n")
            html.open("caption")
            writeCaption(of: tensor, to: &html)
            if !slice.title.isEmpty {
                html.text(" ")
                html.open("span", class: "slice")
                html.text(slice.title)
                html.close("span")
            }
            html.close("caption")
            html.text("\n")
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
            html.text("\n")
            html.open("tbody")
            html.text("\n")
            for i in 0..<slice.rows {
                html.open("tr")
                html.start("th")
                html.attribute("scope", "row")
                html.end()
                html.element("bdi", text: tensor.rowLabel(i))
                html.close("th")
                let row = addressable ? CellRow(id: id, index: slice.index(i, 0, dimensions: dimensions)) : nil
                for j in 0..<slice.columns {
                    let value = scalars[slice.offset + i * slice.columns + j]
                    if let row {
                        writeCell(row, column: j, value: value, to: &html)
                    } else {
                        if value == -.infinity { html.open("td", class: "masked") } else { html.open("td") }
                        html.fixed(value)
                        html.close("td")
                    }
                }
                html.close("tr")
                html.text("\n")
            }
            html.close("tbody")
            html.close("table")
            html.close("div")
            html.text("\n")
        }
    }

    /// The symbol as MathML, the description, the shape and the identifier.
    static func writeCaption(of tensor: some DisplayedTensor, to html: inout HTMLWriter) {
        html.rawHTML(tensor.symbol.mathML(display: .inline))
        html.text(" ")
        html.open("span", class: "description")
        html.text(tensor.description)
        html.close("span")
        html.text(" ")
        html.open("span", class: "shape")
        html.text(tensor.shapeDescription)
        html.close("span")
        html.text(" ")
        html.element("code", text: tensor.id)
    }

    /// What the cells of one table row share: the tensor's escaped identifier, and the start of their `id`.
    struct CellRow {
        /// `t0.e`, escaped: the value of every cell's `data-tensor`.
        let id: HTMLFragment
        /// `t0.e[0,` (or `v_a[` for a vector, `w[1,0,` for a head's row), escaped: the `id` up to the column.
        let idPrefix: HTMLFragment

        /// The row of a slice whose first cell has the full `index`, of the tensor whose escaped identifier is `id`.
        init(id: HTMLFragment, index: [Int]) {
            var prefix = HTMLWriter(capacity: id.html.utf8.count + 32)
            prefix.append(id)
            prefix.text("[")
            for coordinate in index.dropLast() {
                prefix.decimal(coordinate)
                prefix.text(",")
            }
            self.id = id
            idPrefix = prefix.fragment
        }
    }

    /// Writes the `<td>` for one entry: `<td id="t0.e[0,2]" data-tensor="t0.e">0.1234</td>`.
    ///
    /// - Parameters:
    ///   - row: What the row's cells share; the column completes the `id`, the entry's full index.
    ///   - column: The column within the slice.
    ///   - value: The entry; −∞ is shown as masked, never as a number.
    static func writeCell(_ row: CellRow, column: Int, value: Double, to html: inout HTMLWriter) {
        html.start("td")
        if value == -.infinity {
            html.attribute("class", "masked")
            html.attribute("title", "masked (−∞)")
        }
        html.startAttribute("id")
        html.append(row.idPrefix)
        html.decimal(column)
        html.text("]")
        html.endAttribute()
        html.attribute("data-tensor", row.id)
        html.end()
        html.fixed(value)
        html.close("td")
    }
}
