/// A visitor that goes through a whole document, node by node, in document order.
///
/// By default ``MarkupVisitor/visit(_:)`` just goes into the node's children; a
/// walker implements it for the nodes it looks at and calls ``descend(into:)``
/// where it wants to go on into their children:
///
/// ```swift
/// struct LinkCollector: MarkupWalker {
///     var destinations: [String] = []
///     mutating func visit(_ markup: Markup) {
///         if case .inline(.link(let destination, _, _)) = markup { destinations.append(destination) }
///         descend(into: markup)
///     }
/// }
/// ```
public protocol MarkupWalker: MarkupVisitor where Result == Void {}

extension MarkupWalker {
    /// Goes into the children of `markup`.
    public mutating func visit(_ markup: Markup) {
        descend(into: markup)
    }

    /// Visits each child of `markup`, in order.
    public mutating func descend(into markup: Markup) {
        for child in markup.children { visit(child) }
    }

    /// Visits each top-level block of `document`, in order.
    public mutating func walk(_ document: Document) {
        walk(document.blocks)
    }

    /// Visits each of `blocks`, in order.
    public mutating func walk(_ blocks: [Block]) {
        for block in blocks { visit(.block(block)) }
    }

    /// Visits each of `inlines`, in order.
    public mutating func walk(_ inlines: [Inline]) {
        for inline in inlines { visit(.inline(inline)) }
    }
}
