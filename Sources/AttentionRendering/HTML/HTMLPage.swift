/// Wraps an HTML fragment in a complete standalone page: doctype, charset,
/// viewport, title and the inline style sheet, with no external resources,
/// so a saved page works offline and leaks nothing when opened.
///
/// - Parameters:
///   - title: The page title, escaped here.
///   - body: The page content, already HTML.
/// - Returns: The page, ending with a newline.
func standalonePage(title: String, body: String) -> String {
    var page = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>
        """
    page.reserveCapacity(body.utf8.count + pageStyle.utf8.count + 512)
    appendEscapedHTML(title, to: &page)
    page += "</title>\n<style>\n"
    page += pageStyle
    page += "</style>\n</head>\n<body>\n<main>\n"
    page += body
    page += "</main>\n</body>\n</html>\n"
    return page
}
