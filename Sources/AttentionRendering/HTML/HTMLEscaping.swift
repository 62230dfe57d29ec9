/// `text` with the five characters that are special in HTML text and attribute
/// values (`& < > " '`) replaced by character references, as ``HTMLWriter/text(_:)``
/// writes it; for the few places that build a `String` rather than write a page
/// (the page title, the public `htmlEscaped(_:)`).
func escapedHTML(_ text: String) -> String {
    HTMLFragment(escaping: text).html
}
