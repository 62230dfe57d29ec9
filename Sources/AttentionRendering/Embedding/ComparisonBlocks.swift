import AttentionMarkdown
import AttentionTrace

/// The same sentence under several mechanisms, side by side, for embedding in a
/// lesson: every alignment heatmap on one shared colour scale, then a table giving,
/// for each target word, the source word each mechanism attends to most.
///
/// It is the body of the compare page (``renderComparison(_:as:)``) without the
/// page's title, sentences and per-variant tables.
///
/// - Parameter traces: One trace per variant, each with `weights` of shape m × n over the same tokens.
/// - Returns: Raw HTML blocks.
/// - Throws: ``RenderingError/incomparable(variant:reason:)`` naming the first trace
///   without m × n weights or with other tokens than the first.
public func comparisonBlocks(_ traces: [Trace]) throws(RenderingError) -> [Block] {
    let comparison = try Comparison(traces)
    var html = HTMLWriter()
    writeAlignments(comparison, to: &html)
    writeStrongestTable(comparison, to: &html)
    return [Block(.html(html.html))]
}
