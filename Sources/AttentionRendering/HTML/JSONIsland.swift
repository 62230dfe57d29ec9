/// Appends `text` as a JSON string literal that is also safe inside an HTML `<script>` element.
///
/// Besides the escapes JSON requires (`"`, `\`, control characters), `<`, `>`
/// and `&` are written as `\u003c`, `\u003e` and `\u0026`, so no input can
/// close the element (`</script>`) or open a comment (`<!--`); U+2028 and
/// U+2029 are escaped too. `JSON.parse` gives back the original text.
///
/// - Complexity: O(`text.utf8.count`).
func appendJSONString(_ text: String, to html: inout String) {
    html += "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": html += "\\\""
        case "\\": html += "\\\\"
        case "\n": html += "\\n"
        case "<": html += "\\u003c"
        case ">": html += "\\u003e"
        case "&": html += "\\u0026"
        case "\u{2028}": html += "\\u2028"
        case "\u{2029}": html += "\\u2029"
        case _ where scalar.value < 0x20:
            let hex = String(scalar.value, radix: 16)
            html += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        default: html.unicodeScalars.append(scalar)
        }
    }
    html += "\""
}

/// Appends one tensor's data island, which the page script reads when a cell is
/// clicked or a large tensor's numbers are asked for:
/// `<script type="application/json" data-derivations="t0.score.e">{"shape":[1,7],"cells":["…"]}</script>`.
///
/// - Parameters:
///   - tensor: The tensor; `cells` is row-major over its shape.
///   - cells: One derivation per cell, or `nil` when none is known.
///   - withNumbers: Whether to add the values and labels the script needs to build
///     the tensor's table on demand (`values`, `rowLabels`, `columnLabels`, `corner`).
/// - Complexity: O(total length of the derivations and the cells).
func appendDataIsland(for tensor: TensorDisplay, cells: [CellDerivation]?, withNumbers: Bool, to html: inout String) {
    html += "<script type=\"application/json\" data-derivations=\""
    appendEscapedHTML(tensor.id, to: &html)
    html += "\">{\"shape\":[" + tensor.values.shape.map(String.init).joined(separator: ",") + "]"
    func appendArray(_ key: String, _ count: Int, _ element: (Int) -> String) {
        html += ",\"\(key)\":["
        for k in 0..<count {
            if k > 0 { html += "," }
            appendJSONString(element(k), to: &html)
        }
        html += "]"
    }
    if let cells { appendArray("cells", cells.count) { cells[$0].text } }
    if withNumbers {
        let scalars = tensor.values.scalars
        appendArray("values", scalars.count) { NumberFormatting.fixed(scalars[$0]) }
        appendArray("rowLabels", tensor.values.rowCount) { tensor.rowLabel($0) }
        appendArray("columnLabels", tensor.values.columnCount) { tensor.columnLabel($0) }
        html += ",\"corner\":"
        appendJSONString(tensor.cornerLabel, to: &html)
    }
    html += "}</script>\n"
}
