/// Makes markup that someone else wrote safe to render as HTML: its raw HTML becomes
/// text, and links to `javascript:`, `data:` or `vbscript:` lose their link.
///
/// ``Document/htmlFragment()`` keeps raw HTML verbatim, which the renderers need for
/// the tables and heatmaps they build; text from a lesson file must not get the same
/// power, or a `<script>` or `<img onerror=…>` in it would run in every reader's
/// browser. Rewritten, such HTML is shown as the text it is (`<script>` reads as
/// `<script>`), the way cmark treats it without `CMARK_OPT_UNSAFE` except that the
/// author sees what was left out. A removed link keeps its text, emphasised.
public struct RawHTMLEscaper: MarkupRewriter {
    /// The URL schemes a link may not have, lower-case with their colon.
    public static let unsafeSchemes = ["javascript:", "data:", "vbscript:"]

    /// Creates the rewriter.
    public init() {}

    /// Raw HTML as text and unsafe links as emphasis; every other node kept with its
    /// children rewritten.
    public mutating func visit(_ markup: Markup) -> Markup? {
        switch markup {
        case .block(var block):
            guard case .html(let raw) = block.kind else { return rewritingChildren(of: markup) }
            block.kind = .paragraph([.text(raw)])
            return .block(block)
        case .inline(.html(let raw)):
            return .inline(.text(raw))
        case .inline(.link(let destination, _, let children)) where Self.isUnsafe(destination):
            return rewritingChildren(of: .inline(.emphasis(children)))
        case .inline:
            return rewritingChildren(of: markup)
        }
    }

    /// Whether a link to `destination` could run code: its scheme, after any leading
    /// space and in any case, is one of ``unsafeSchemes``.
    public static func isUnsafe(_ destination: String) -> Bool {
        let scheme = destination.drop(while: \.isWhitespace).lowercased()
        return unsafeSchemes.contains { scheme.hasPrefix($0) }
    }
}
