/// Appends `text` to `html` with the five characters that are special in HTML
/// text and attribute values (`& < > " '`) replaced by character references.
///
/// This is the one escape used for every piece of user text (tokens, labels,
/// descriptions, explanations, warnings) placed in raw HTML, which cmark copies
/// verbatim into the page.
///
/// - Complexity: O(`text.utf8.count`).
func appendEscapedHTML(_ text: String, to html: inout String) {
    for character in text.unicodeScalars {
        switch character {
        case "&": html += "&amp;"
        case "<": html += "&lt;"
        case ">": html += "&gt;"
        case "\"": html += "&quot;"
        case "'": html += "&#39;"
        default: html.unicodeScalars.append(character)
        }
    }
}

/// `text` with `& < > " '` replaced by character references; see ``appendEscapedHTML(_:to:)``.
func escapedHTML(_ text: String) -> String {
    var html = ""
    html.reserveCapacity(text.utf8.count)
    appendEscapedHTML(text, to: &html)
    return html
}
