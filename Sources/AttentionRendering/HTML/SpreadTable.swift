/// Appends how evenly each alignment row spreads: ``AlignmentSpread/summary``, then a
/// table of each row's strongest column, largest weight against `1/n` and evenness,
/// near-uniform rows marked as such (class `near-uniform`).
func appendSpreadTable(_ spread: AlignmentSpread, to html: inout TextBuffer) {
    html += "<p class=\"spread-summary\">"
    appendEscapedHTML(spread.summary, to: &html)
    html += "</p>\n<div class=\"scroll\"><table class=\"tensor spread\">\n<thead><tr>"
    let rows = spread.textRows
    for header in rows[0] {
        html += "<th scope=\"col\">"
        appendEscapedHTML(header, to: &html)
        html += "</th>"
    }
    html += "</tr></thead>\n<tbody>\n"
    for (row, cells) in zip(spread.rows, rows.dropFirst()) {
        html += row.spread.isNearUniform ? "<tr class=\"near-uniform\">" : "<tr>"
        for (k, cell) in cells.enumerated() {
            html += k == 0 ? "<th scope=\"row\"><bdi>" : "<td><bdi>"
            appendEscapedHTML(cell, to: &html)
            html += k == 0 ? "</bdi></th>" : "</bdi></td>"
        }
        html += "</tr>\n"
    }
    html += "</tbody></table></div>\n"
}
