import AttentionDerivation
import AttentionText

/// Writes one tensor's data island, which the page script reads when a cell is
/// clicked or a large tensor's numbers are asked for:
/// `<script type="application/json" data-derivations="t0.score.e">{"shape":[1,7],"derivation":{…}}</script>`.
///
/// The JSON goes in through ``HTMLWriter/rawContent(_:)``: every string in it is
/// written by ``appendJSONString(_:to:)``, whose escapes keep it inside `<script>`.
///
/// - Parameters:
///   - tensor: The tensor.
///   - derivation: How its cells were computed (see ``DerivationTemplate/appendJSON(to:page:)``),
///     or `nil` when no derivation is known.
///   - excerpts: The operand excerpts the page's islands have written so far, which this one
///     points at rather than repeats.
///   - withNumbers: Whether to add what the script needs to build the tensor's table on
///     demand: `values`, its entries row-major as tables print them
///     (``NumberFormatting/fixed(_:)``, `masked` for −∞), and `rowLabels`, `columnLabels` and
///     `corner`. Without them the tensor's tables on the page hold its numbers, and the
///     script reads a value from its cell's text, which is the same (a page with every
///     number written twice was a seventh larger and slower to write).
/// - Complexity: O(number of cells + size of the template).
func writeDataIsland(for tensor: TensorDisplay, derivation: DerivationTemplate?, excerpts: ExcerptsOnPage, withNumbers: Bool,
                     to html: inout HTMLWriter) {
    html.start("script")
    html.attribute("type", "application/json")
    html.attribute("data-derivations", tensor.id)
    html.end()
    html.rawContent { json in
        appendIslandJSON(for: tensor, derivation: derivation, excerpts: excerpts, withNumbers: withNumbers, to: &json)
    }
    html.close("script")
    html.markup("\n")
}

/// The JSON object of ``writeDataIsland(for:derivation:excerpts:withNumbers:to:)``.
private func appendIslandJSON(for tensor: TensorDisplay, derivation: DerivationTemplate?, excerpts: ExcerptsOnPage,
                              withNumbers: Bool, to json: inout TextBuffer) {
    json += "{\"shape\":[" + tensor.values.shape.map(String.init).joined(separator: ",") + "]"
    if let derivation {
        json += ",\"derivation\":"
        derivation.appendJSON(to: &json, page: excerpts)
    }
    if withNumbers {
        json += ",\"values\":["
        for (k, value) in tensor.values.scalars.enumerated() {
            json += k == 0 ? "\"" : ",\""
            NumberFormatting.appendFixed(value, to: &json)  // digits, signs and letters: nothing to escape
            json += "\""
        }
        json += "]"
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
