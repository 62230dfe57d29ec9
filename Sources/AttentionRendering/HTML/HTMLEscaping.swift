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
    var text = text
    text.withUTF8 { bytes in
        var unescaped = 0
        for (k, byte) in bytes.enumerated() {
            let reference: String? = switch byte {
            case UInt8(ascii: "&"): "&amp;"
            case UInt8(ascii: "<"): "&lt;"
            case UInt8(ascii: ">"): "&gt;"
            case UInt8(ascii: "\""): "&quot;"
            case UInt8(ascii: "'"): "&#39;"
            default: nil
            }
            if let reference {
                html.append(utf8: UnsafeBufferPointer(rebasing: bytes[unescaped..<k]))
                html += reference
                unescaped = k + 1
            }
        }
        html.append(utf8: UnsafeBufferPointer(rebasing: bytes[unescaped...]))
    }
}

/// `text` with `& < > " '` replaced by character references; see ``appendEscapedHTML(_:to:)``.
func escapedHTML(_ text: String) -> String {
    var html = TextBuffer(capacity: text.utf8.count + 16)
    appendEscapedHTML(text, to: &html)
    return html.text
}
