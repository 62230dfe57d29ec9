import AttentionMarkdown
import AttentionTrace

/// The same sentence under several mechanisms, side by side, for embedding in a
/// lesson: every alignment heatmap on one shared colour scale, then a table giving,
/// for each target (or query) word, the word each entry attends to most.
///
/// It is the body of the compare page (``renderComparison(_:as:)``) without the
/// page's title, sentences and per-variant tables.
///
/// - Parameter entries: One trace per entry, each with two-dimensional `weights` over the same tokens.
/// - Returns: Raw HTML blocks.
/// - Throws: ``RenderingError/incomparable(variant:reason:)`` naming the first entry
///   without such weights or with other tokens than the first.
public func comparisonBlocks(_ entries: [ComparisonEntry]) throws(RenderingError) -> [Block] {
    let comparison = try Comparison(entries)
    var html = HTMLWriter()
    writeAlignments(comparison, to: &html)
    writeStrongestTable(comparison, to: &html)
    return [Block(.html(html.html))]
}
