/// One node of a ``Document``: a block or an inline, the unit a ``MarkupVisitor`` visits.
///
/// The model keeps blocks and inlines apart (a paragraph holds inlines, a quote holds
/// blocks); visitors see both through this one type, as swift-markdown's visitors see
/// every node as a `Markup`. The items of a list are not nodes of their own: a list's
/// children are its items' blocks, visited item by item.
public enum Markup: Hashable, Sendable {
    /// A block, such as a paragraph or a list.
    case block(Block)
    /// An inline, such as text or emphasis.
    case inline(Inline)
}
