/// Appends `text` to `html` with the five characters that are special in HTML
/// text and attribute values (`& < > " '`) replaced by character references.
///
/// This is the one escape used for every piece of user text (tokens, labels,
/// descriptions, explanations, warnings) placed in raw HTML, which cmark copies
/// verbatim into the page.
///
/// Runs without those characters are appended whole, since most text has none.
///
/// - Complexity: O(`text.utf8.count`).
func appendEscapedHTML(_ text: String, to html: inout TextBuffer) {
    let utf8 = text.utf8
    var unescaped = utf8.startIndex
    var index = unescaped
    while index != utf8.endIndex {
        let reference: String? = switch utf8[index] {
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        case UInt8(ascii: "\""): "&quot;"
        case UInt8(ascii: "'"): "&#39;"
        default: nil
        }
        let next = utf8.index(after: index)
        if let reference {
            html += text[unescaped..<index]
            html += reference
            unescaped = next
        }
        index = next
    }
    html += text[unescaped...]
}

/// `text` with `& < > " '` replaced by character references; see ``appendEscapedHTML(_:to:)``.
func escapedHTML(_ text: String) -> String {
    var html = TextBuffer(capacity: text.utf8.count + 16)
    appendEscapedHTML(text, to: &html)
    return html.text
}
