import AttentionTrace

/// An alignment matrix as the trace pages draw it: an SVG heatmap of `weights` on the fixed 0…1
/// scale, target words down the side and source words across the top, each cell titled with its
/// words and weight, in a `<figure>` captioned `caption`.
///
/// It lets a page outside this module (a training report) show attention in the same design
/// without a trace: the labels and caption are escaped here.
///
/// - Parameters:
///   - weights: One row per target word, one weight per source word.
///   - targetWords: The row labels, one per row of `weights`.
///   - sourceWords: The column labels, one per column.
///   - caption: Text under the heatmap.
/// - Returns: The figure as HTML.
public func alignmentFigureHTML(_ weights: [[Double]], targetWords: [String], sourceWords: [String],
                                caption: String) -> String {
    precondition(weights.count == targetWords.count && weights.allSatisfy { $0.count == sourceWords.count },
                 "an alignment figure needs one label per row and per column")
    let display = TensorDisplay(alignment: weights, targetWords: targetWords, sourceWords: sourceWords)
    var html = HTMLWriter(capacity: 1024 + 160 * targetWords.count * sourceWords.count)
    Heatmap.weights.write(display, caption: caption, to: &html)
    return html.html
}

/// A sentence pair's alignment at each recorded point of a training run, as small multiples on the
/// fixed 0…1 scale in one grid, each figure captioned "before training" (epoch 0) or "after epoch k":
/// the training report's figures and a lesson's `{learning}` block.
///
/// - Parameters:
///   - points: Each point's epoch and its alignment, one row per target word, in order.
///   - targetWords: The row labels.
///   - sourceWords: The column labels.
/// - Returns: The grid as HTML.
public func learningFiguresHTML(_ points: [(epoch: Int, weights: [[Double]])], targetWords: [String],
                                sourceWords: [String]) -> String {
    var html = "<div class=\"heatmap-grid\">\n"
    for point in points {
        html += alignmentFigureHTML(point.weights, targetWords: targetWords, sourceWords: sourceWords,
                                    caption: point.epoch == 0 ? "before training" : "after epoch \(point.epoch)")
    }
    return html + "</div>\n"
}

extension TensorDisplay {
    /// An m × n alignment `α` over labelled target and source words, from no trace.
    fileprivate init(alignment weights: [[Double]], targetWords: [String], sourceWords: [String]) {
        id = "alignment"
        symbol = Formula("α")
        description = "the attention weights"
        values = Tensor(shape: [weights.count, sourceWords.count], scalars: weights.flatMap { $0 })
        axes = [Axis(name: "target", labels: targetWords), Axis(name: "source", labels: sourceWords)]
        origin = ProvenanceSummary(resultNamed: "alignment")
    }
}
