/// A visitor that rebuilds a document: each node is replaced by what
/// ``MarkupVisitor/visit(_:)`` returns for it, or removed when that is `nil`.
///
/// By default a node is kept and its children are rewritten
/// (``rewritingChildren(of:)``); a rewriter implements `visit(_:)` for the nodes it
/// changes. A block must be replaced by a block and an inline by an inline, since
/// that is all their parent can hold:
///
/// ```swift
/// struct Unlinker: MarkupRewriter {
///     mutating func visit(_ markup: Markup) -> Markup? {
///         guard case .inline(.link(_, _, let children)) = markup else { return rewritingChildren(of: markup) }
///         return rewritingChildren(of: .inline(.emphasis(children)))
///     }
/// }
/// ```
public protocol MarkupRewriter: MarkupVisitor where Result == Markup? {}

extension MarkupRewriter {
    /// Keeps `markup`, with its children rewritten.
    public mutating func visit(_ markup: Markup) -> Markup? {
        rewritingChildren(of: markup)
    }

    /// `markup` with each child replaced by what ``MarkupVisitor/visit(_:)`` returns
    /// for it (removed for `nil`); a list keeps its items, each with its blocks rewritten.
    public mutating func rewritingChildren(of markup: Markup) -> Markup {
        switch markup {
        case .block(var block):
            switch block.kind {
            case .heading(let level, let inlines): block.kind = .heading(level: level, rewrite(inlines))
            case .paragraph(let inlines): block.kind = .paragraph(rewrite(inlines))
            case .blockQuote(let blocks): block.kind = .blockQuote(rewrite(blocks))
            case .bulletList(let items, let isTight): block.kind = .bulletList(items: items.map { rewrite($0) }, isTight: isTight)
            case .orderedList(let start, let items, let isTight):
                block.kind = .orderedList(start: start, items: items.map { rewrite($0) }, isTight: isTight)
            case .codeBlock, .html, .thematicBreak: break
            }
            return .block(block)
        case .inline(let inline):
            switch inline {
            case .emphasis(let children): return .inline(.emphasis(rewrite(children)))
            case .strong(let children): return .inline(.strong(rewrite(children)))
            case .link(let destination, let title, let children):
                return .inline(.link(destination: destination, title: title, rewrite(children)))
            case .text, .code, .html, .softBreak, .lineBreak: return markup
            }
        }
    }

    /// `document` with each top-level block rewritten.
    public mutating func rewrite(_ document: Document) -> Document {
        Document(rewrite(document.blocks))
    }

    /// Each of `blocks` rewritten, without those the rewriter removes.
    public mutating func rewrite(_ blocks: [Block]) -> [Block] {
        blocks.compactMap { block in
            switch visit(.block(block)) {
            case .block(let rewritten): return rewritten
            case nil: return nil
            case .inline(let inline): preconditionFailure("a rewriter replaced a block with the inline \(inline)")
            }
        }
    }

    /// Each of `inlines` rewritten, without those the rewriter removes.
    public mutating func rewrite(_ inlines: [Inline]) -> [Inline] {
        inlines.compactMap { inline in
            switch visit(.inline(inline)) {
            case .inline(let rewritten): return rewritten
            case nil: return nil
            case .block(let block): preconditionFailure("a rewriter replaced an inline with the block \(block)")
            }
        }
    }
}
