import AttentionTrace

/// The same sentence under several mechanisms, side by side: one alignment heatmap
/// per trace on one shared colour scale, then a table giving, for each row (target
/// word), the column (source word) each mechanism attends to most.
///
/// The colour scale runs from 0 to 1 when every weight lies in that range (as
/// attention weights do), otherwise from the smallest to the largest weight of
/// all the traces, so equal colours mean equal weights across the figures. The
/// table's argmax takes the first column on ties and writes "—" for a row whose
/// weights are all zero (a fully masked row).
///
/// - Parameter traces: Traces of the same sentence, each with a matrix `weights` result
///   of the same shape; each is named by its ``Trace/variant``.
/// - Returns: Raw HTML blocks: a grid of heatmaps and the argmax table.
/// - Throws: ``RenderingError/inconsistentTensor(id:reason:)`` when a trace has no
///   `weights`, when they are not matrices, or when their shapes differ.
public func comparisonBlocks(_ traces: [Trace]) throws(RenderingError) -> [Block] {
    let alignments = try traces.map { trace throws(RenderingError) -> TensorDisplay in
        guard let weights = trace.result["weights"], weights.shape.count == 2 else {
            let shape = trace.result["weights"].map { "of shape \($0.shape)" } ?? "none"
            throw .inconsistentTensor(id: "result.weights",
                                      reason: "variant \(trace.variant) has weights \(shape); a comparison needs a matrix")
        }
        return TensorDisplay(result: "weights", values: weights, in: trace)
    }
    guard let first = alignments.first else { return [] }
    if let other = zip(traces, alignments).first(where: { $0.1.values.shape != first.values.shape }) {
        throw .inconsistentTensor(id: "result.weights", reason: "variant \(other.0.variant) has weights of shape "
            + "\(other.1.values.shape) but \(traces[0].variant) has \(first.values.shape); compare the same sentence")
    }
    let finite = alignments.flatMap { $0.values.scalars.filter(\.isFinite) }
    let heatmap = if let low = finite.min(), let high = finite.max(), low < 0 || high > 1 {
        Heatmap(scale: low...high)
    } else {
        Heatmap.weights
    }

    var figures = "<div class=\"heatmap-grid comparison\">\n"
    for (trace, alignment) in zip(traces, alignments) {
        figures += "<figure class=\"comparison-variant\"><figcaption><code>"
        appendEscapedHTML(trace.variant, to: &figures)
        figures += "</code></figcaption>\n"
        heatmap.append(alignment, to: &figures)
        figures += "</figure>\n"
    }
    figures += "</div>"
    return [Block(.html(figures)), Block(.html(argmaxTable(traces: traces, alignments: alignments)))]
}

/// A table with a row per target word and a column per variant naming the most-attended source word.
private func argmaxTable(traces: [Trace], alignments: [TensorDisplay]) -> String {
    guard let first = alignments.first else { return "" }
    var html = "<div class=\"scroll\"><table class=\"tensor comparison\">\n<caption>"
    html += "The \(escapedHTML(first.columnAxis?.name ?? "column")) position each mechanism attends to most</caption>\n"
    html += "<thead><tr><th scope=\"col\" class=\"corner\">"
    appendEscapedHTML(first.rowAxis?.name ?? "row", to: &html)
    html += "</th>"
    for trace in traces {
        html += "<th scope=\"col\"><code>"
        appendEscapedHTML(trace.variant, to: &html)
        html += "</code></th>"
    }
    html += "</tr></thead>\n<tbody>\n"
    for i in 0..<first.values.rowCount {
        html += "<tr><th scope=\"row\"><bdi>"
        appendEscapedHTML(first.rowLabel(i), to: &html)
        html += "</bdi></th>"
        for alignment in alignments {
            let values = alignment.values
            let isEmpty = (0..<values.columnCount).allSatisfy { values[i, $0] == 0 || values[i, $0] == -.infinity }
            html += "<td><bdi>"
            if let j = values.columnOfMaximum(inRow: i), !isEmpty {
                appendEscapedHTML(alignment.columnLabel(j), to: &html)
            } else {
                html += "—"
            }
            html += "</bdi></td>"
        }
        html += "</tr>\n"
    }
    html += "</tbody></table></div>"
    return html
}
