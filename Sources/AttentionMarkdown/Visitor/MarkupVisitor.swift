/// Visits the nodes of a ``Document``, computing a `Result` for each.
///
/// A visitor decides for itself whether and how to go into a node's children;
/// its two refinements do it for you: a ``MarkupWalker`` (`Result == Void`) goes
/// into every node's children, a ``MarkupRewriter`` (`Result == Markup?`) rebuilds
/// every node from its rewritten children. Conforming types implement
/// ``visit(_:)`` and switch over the nodes they care about.
///
/// Documents parsed from text are at most ``Document/deepestNesting`` nodes deep
/// (``Document/init(parsing:)`` refuses deeper ones), so a visitor that recurses
/// into children never recurses deeper than that on user input.
public protocol MarkupVisitor<Result> {
    /// What visiting one node gives.
    associatedtype Result

    /// Visits `markup` and returns what the visitor makes of it.
    mutating func visit(_ markup: Markup) -> Result
}

extension Markup {
    /// The node's children in document order: a heading's or paragraph's inlines, a
    /// quote's blocks, the blocks of each of a list's items in turn, an emphasis's or
    /// link's inlines; leaves (text, code, raw HTML, breaks) have none.
    public var children: [Markup] {
        switch self {
        case .block(let block):
            switch block.kind {
            case .heading(_, let inlines), .paragraph(let inlines): inlines.map(Markup.inline)
            case .blockQuote(let blocks): blocks.map(Markup.block)
            case .bulletList(let items, _), .orderedList(_, let items, _): items.flatMap { $0.map(Markup.block) }
            case .codeBlock, .html, .thematicBreak: []
            }
        case .inline(let inline):
            switch inline {
            case .emphasis(let children), .strong(let children), .link(_, _, let children): children.map(Markup.inline)
            case .text, .code, .html, .softBreak, .lineBreak: []
            }
        }
    }
}
