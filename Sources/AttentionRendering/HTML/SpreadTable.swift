/// Writes how evenly each alignment row spreads: ``AlignmentSpread/summary``, then a
/// table of each row's strongest column, largest weight against `1/n` and evenness,
/// near-uniform rows marked as such (class `near-uniform`).
func writeSpreadTable(_ spread: AlignmentSpread, to html: inout HTMLWriter) {
    html.open("p", class: "spread-summary")
    html.text(spread.summary)
    html.close("p")
    html.markup("\n")
    html.open("div", class: "scroll")
    html.open("table", class: "tensor spread")
    html.markup("\n")
    html.open("thead")
    html.open("tr")
    let rows = spread.textRows
    for header in rows[0] {
        html.start("th")
        html.attribute("scope", "col")
        html.end()
        html.text(header)
        html.close("th")
    }
    html.close("tr")
    html.close("thead")
    html.markup("\n")
    html.open("tbody")
    html.markup("\n")
    for (row, cells) in zip(spread.rows, rows.dropFirst()) {
        if row.spread.isNearUniform { html.open("tr", class: "near-uniform") } else { html.open("tr") }
        for (k, cell) in cells.enumerated() {
            if k == 0 {
                html.start("th")
                html.attribute("scope", "row")
                html.end()
                html.element("bdi", text: cell)
                html.close("th")
            } else {
                html.open("td")
                html.element("bdi", text: cell)
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
