/// Appends `Source: the man … → Target: l' homme …` as one paragraph, each token in
/// its own `<bdi>` so right-to-left text cannot reorder its neighbours.
///
/// A side with no tokens (`nil`) is left out, and so is the arrow before it.
func appendSentences(source: [String]?, target: [String]?, to html: inout TextBuffer) {
    html += "<p class=\"sentences\">"
    for (name, tokens) in [("Source", source), ("Target", target)] {
        guard let tokens else { continue }
        if name == "Target" { html += " <span class=\"arrow\" aria-hidden=\"true\">→</span> " }
        html += "<span class=\"sentence\"><span class=\"side\">\(name)</span> "
        for token in tokens {
            html += "<bdi class=\"token\">"
            appendEscapedHTML(token, to: &html)
            html += "</bdi> "
        }
        html += "</span>"
    }
    html += "</p>\n"
}
