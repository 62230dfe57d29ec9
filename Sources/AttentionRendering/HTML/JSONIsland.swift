/// Appends `text` as a JSON string literal that is also safe inside an HTML `<script>` element.
///
/// Besides the escapes JSON requires (`"`, `\`, control characters), `<`, `>`
/// and `&` are written as `\u003c`, `\u003e` and `\u0026`, so no input can
/// close the element (`</script>`) or open a comment (`<!--`); U+2028 and
/// U+2029 are escaped too. `JSON.parse` gives back the original text. Runs
/// that need no escape are appended whole.
///
/// - Complexity: O(`text.utf8.count`).
func appendJSONString(_ text: String, to json: inout TextBuffer) {
    json += "\""
    let utf8 = text.utf8
    var unescaped = utf8.startIndex
    var index = unescaped
    while index != utf8.endIndex {
        let byte = utf8[index]
        var next = utf8.index(after: index)
        var escape: String? = switch byte {
        case UInt8(ascii: "\""): "\\\""
        case UInt8(ascii: "\\"): "\\\\"
        case UInt8(ascii: "\n"): "\\n"
        case UInt8(ascii: "<"): "\\u003c"
        case UInt8(ascii: ">"): "\\u003e"
        case UInt8(ascii: "&"): "\\u0026"
        case ..<0x20: "\\u00" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16)
        default: nil
        }
        // U+2028 and U+2029 are E2 80 A8 and E2 80 A9 in UTF-8.
        if byte == 0xE2, next != utf8.endIndex, utf8[next] == 0x80 {
            let last = utf8.index(after: next)
            if last != utf8.endIndex, utf8[last] == 0xA8 || utf8[last] == 0xA9 {
                escape = utf8[last] == 0xA8 ? "\\u2028" : "\\u2029"
                next = utf8.index(after: last)
            }
        }
        if let escape {
            json += text[unescaped..<index]
            json += escape
            unescaped = next
        }
        index = next
    }
    json += text[unescaped...]
    json += "\""
}

/// Writes one tensor's data island, which the page script reads when a cell is
/// clicked or a large tensor's numbers are asked for:
/// `<script type="application/json" data-derivations="t0.score.e">{"shape":[1,7],"values":["0.2024",…],"derivation":{…}}</script>`.
///
/// The JSON goes in through ``HTMLWriter/rawContent(_:)``: every string in it is
/// written by ``appendJSONString(_:to:)``, whose escapes keep it inside `<script>`.
///
/// - Parameters:
///   - tensor: The tensor; `values` holds its entries row-major as tables print
///     them (``NumberFormatting/fixed(_:)``, `masked` for −∞).
///   - derivation: How its cells were computed (see ``DerivationTemplate/appendJSON(to:)``),
///     or `nil` when no derivation is known.
///   - withLabels: Whether to add the labels the script needs to build the tensor's
///     table on demand (`rowLabels`, `columnLabels`, `corner`).
/// - Complexity: O(number of cells + size of the template).
func writeDataIsland(for tensor: TensorDisplay, derivation: DerivationTemplate?, withLabels: Bool, to html: inout HTMLWriter) {
    html.start("script")
    html.attribute("type", "application/json")
    html.attribute("data-derivations", tensor.id)
    html.end()
    html.rawContent { json in appendIslandJSON(for: tensor, derivation: derivation, withLabels: withLabels, to: &json) }
    html.close("script")
    html.markup("\n")
}

/// The JSON object of ``writeDataIsland(for:derivation:withLabels:to:)``.
private func appendIslandJSON(for tensor: TensorDisplay, derivation: DerivationTemplate?, withLabels: Bool,
                              to json: inout TextBuffer) {
    json += "{\"shape\":[" + tensor.values.shape.map(String.init).joined(separator: ",") + "],\"values\":["
    for (k, value) in tensor.values.scalars.enumerated() {
        json += k == 0 ? "\"" : ",\""
        NumberFormatting.appendFixed(value, to: &json)  // digits, signs and letters: nothing to escape
        json += "\""
    }
    json += "]"
    if let derivation {
        json += ",\"derivation\":"
        derivation.appendJSON(to: &json)
    }
    if withLabels {
        func appendArray(_ key: String, _ count: Int, _ element: (Int) -> String) {
            json += ",\"\(key)\":["
            for k in 0..<count {
                if k > 0 { json += "," }
                appendJSONString(element(k), to: &json)
            }
            json += "]"
        }
        appendArray("rowLabels", tensor.values.rowCount) { tensor.rowLabel($0) }
        appendArray("columnLabels", tensor.values.columnCount) { tensor.columnLabel($0) }
        json += ",\"corner\":"
        appendJSONString(tensor.cornerLabel, to: &json)
    }
    json += "}"
}
