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
        let cells = addressable ? Cells(id: tensor.id) : nil
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
            html.markup("\n")
            html.open("caption")
            writeCaption(of: tensor, to: &html)
            if !slice.title.isEmpty {
                html.markup(" ")
                html.open("span", class: "slice")
                html.text(slice.title)
                html.close("span")
            }
            html.close("caption")
            html.markup("\n")
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
                html.open("tr")
                html.start("th")
                html.attribute("scope", "row")
                html.end()
                html.element("bdi", text: tensor.rowLabel(i))
                html.close("th")
                let row = cells.map { CellRow($0, index: slice.index(i, 0, dimensions: dimensions)) }
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

    /// What the cells of one table share, written once per table: everything of a
    /// cell's start tag before its row's index and everything after its column.
    struct Cells {
        /// `<td id="t0.e[`.
        let start: HTMLFragment
        /// The same for a masked cell: `<td class="masked" title="masked (−∞)" id="t0.e[`.
        let maskedStart: HTMLFragment
        /// `]" data-tensor="t0.e">`: the end of the `id` and the rest of the tag.
        let end: HTMLFragment

        /// The cells of the tensor whose identifier is `id`.
        init(id: String) {
            func start(isMasked: Bool) -> HTMLFragment {
                var html = HTMLWriter(capacity: id.utf8.count + 64)
                html.start("td")
                if isMasked {
                    html.attribute("class", "masked")
                    html.attribute("title", "masked (−∞)")
                }
                html.startAttribute("id")
                html.text(id)
                html.markup("[")
                return html.fragment
            }
            self.start = start(isMasked: false)
            maskedStart = start(isMasked: true)
            var end = HTMLWriter(capacity: id.utf8.count + 32)
            end.markup("]")
            end.endAttribute()
            end.attribute("data-tensor", id)
            end.end()
            self.end = end.fragment
        }
    }

    /// What the cells of one row share: the table's ``Cells`` and the row's index before the column.
    struct CellRow {
        let cells: Cells
        /// `0,` for row 0 of a matrix, empty for a vector, `1,0,` for row 0 of head 1.
        let index: HTMLFragment

        /// The row of a slice whose first cell has the full `index`.
        init(_ cells: Cells, index: [Int]) {
            var html = HTMLWriter(capacity: 32)
            for coordinate in index.dropLast() {
                html.decimal(coordinate)
                html.markup(",")
            }
            self.cells = cells
            self.index = html.fragment
        }
    }

    /// Writes the `<td>` for one entry: `<td id="t0.e[0,2]" data-tensor="t0.e">0.1234</td>`.
    ///
    /// - Parameters:
    ///   - row: What the row's cells share; the column completes the `id`, the entry's full index.
    ///   - column: The column within the slice.
    ///   - value: The entry; −∞ is shown as masked, never as a number.
    static func writeCell(_ row: CellRow, column: Int, value: Double, to html: inout HTMLWriter) {
        html.append(value == -.infinity ? row.cells.maskedStart : row.cells.start)
        html.append(row.index)
        html.decimal(column)
        html.append(row.cells.end)
        html.fixed(value)
        html.close("td")
    }
}
