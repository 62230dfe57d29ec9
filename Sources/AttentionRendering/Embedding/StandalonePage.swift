/// A complete standalone HTML page around `body`: the same head, inline style
/// sheet (dark mode and print included) and `<main>` as a trace page, with no
/// external resources.
///
/// - Parameters:
///   - title: The page title; escaped here.
///   - body: The page content, already HTML.
/// - Returns: The page, ending with a newline.
public func standaloneHTMLPage(title: String, body: String) -> String {
    standalonePage(title: title, body: body)
}

/// `text` with `& < > " '` replaced by character references, the escape every trace
/// page uses for user text placed in raw HTML.
public func htmlEscaped(_ text: String) -> String {
    escapedHTML(text)
}
