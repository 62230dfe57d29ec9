import AttentionMarkdown

/// The blocks with every source line removed, to compare a parsed document with a built one.
func withoutLines(_ blocks: [Block]) -> [Block] {
    var remover = LineRemover()
    return remover.rewrite(blocks)
}

/// Sets every block's line to `nil`.
private struct LineRemover: MarkupRewriter {
    mutating func visit(_ markup: Markup) -> Markup? {
        guard case .block(var block) = rewritingChildren(of: markup) else { return rewritingChildren(of: markup) }
        block.line = nil
        return .block(block)
    }
}
