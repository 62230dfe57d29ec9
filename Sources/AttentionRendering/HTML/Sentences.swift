/// Writes `Source: the man … → Target: l' homme …` as one paragraph, each token in
/// its own `<bdi>` so right-to-left text cannot reorder its neighbours.
///
/// A side with no tokens (`nil`) is left out, and so is the arrow before it.
func writeSentences(source: [String]?, target: [String]?, to html: inout HTMLWriter) {
    html.open("p", class: "sentences")
    for (name, tokens) in [("Source", source), ("Target", target)] {
        guard let tokens else { continue }
        if name == "Target" {
            html.markup(" ")
            html.start("span")
            html.attribute("class", "arrow")
            html.attribute("aria-hidden", "true")
            html.end()
            html.markup("→")
            html.close("span")
            html.markup(" ")
        }
        html.open("span", class: "sentence")
        html.open("span", class: "side")
        html.text(name)
        html.close("span")
        html.markup(" ")
        for token in tokens {
            html.open("bdi", class: "token")
            html.text(token)
            html.close("bdi")
            html.markup(" ")
        }
        html.close("span")
    }
    html.close("p")
    html.markup("\n")
}
