/// Wraps an HTML fragment in a complete standalone page: doctype, charset,
/// viewport, title and the inline style sheet, with no external resources,
/// so a saved page works offline and leaks nothing when opened. The derivation
/// popover and the one inline script that fills it close the page.
///
/// - Parameters:
///   - title: The page title, escaped here.
///   - body: The page content, already HTML.
///   - style: Rules this page adds after the shared style sheet, such as the overview's one rule per head.
/// - Returns: The page, ending with a newline.
func standalonePage(title: String, body: String, style: String = "") -> String {
    var head = HTMLWriter(capacity: pageStyle.utf8.count + 1024)
    head.markup("""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">

        """)
    head.element("title", text: title)
    head.markup("\n<style>\n")
    head.rawHTML(pageStyle)
    head.rawHTML(style)
    head.markup("</style>\n</head>\n<body>\n")
    head.rawHTML(svgDefinitions)
    head.markup("<main>\n")
    // The body, often a megabyte, is joined as a string rather than copied through a writer again.
    var page = head.html
    page.reserveCapacity(page.utf8.count + body.utf8.count + pageScript.utf8.count + 1024)
    page += body
    page += "</main>\n" + derivationPopover + "<script>\n" + pageScript + "</script>\n</body>\n</html>\n"
    return page
}

/// Shared SVG definitions that every heatmap on the page refers to: the hatching of
/// masked cells and the legend's palette steps (``Palette/legendGradient(id:steps:)``),
/// written once here rather than as a rectangle per step in every legend.
private let svgDefinitions = """
    <svg class="definitions" width="0" height="0" aria-hidden="true" focusable="false"><defs>\
    <pattern id="masked-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">\
    <rect width="6" height="6" fill="#d6d6d6"/><rect width="2" height="6" fill="#8c8c8c"/></pattern>\
    \(Palette.viridis.legendGradient(id: Heatmap.legendGradientID, steps: Heatmap.legendSteps))\
    </defs></svg>

    """
