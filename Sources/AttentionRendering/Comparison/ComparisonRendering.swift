import AttentionJSON
import AttentionMarkdown
import AttentionTrace

/// Renders traces of the same sentence pair under several variants as one page.
///
/// The page shows the sentences, every variant's alignment heatmap side by side
/// on one shared colour scale (so the same colour means the same weight in each),
/// and for each target word the source word each variant attends to most.
///
/// - Parameters:
///   - traces: One trace per variant, each with `weights` of shape m × n over the same tokens.
///   - format: HTML for the page; Markdown for the same content as text;
///     JSON for the traces as an array.
/// - Returns: The rendered text, ending with a newline.
/// - Throws: ``RenderingError/incomparable(variant:reason:)`` for a trace without
///   m × n weights or with other tokens, and the errors of ``render(_:as:)`` for JSON.
public func renderComparison(_ traces: [Trace], as format: TraceFormat) throws(RenderingError) -> String {
    let comparison = try Comparison(traces)
    switch format {
    case .html:
        return standalonePage(title: comparison.title, body: comparisonHTML(comparison))
    case .markdown:
        do {
            return try comparisonDocument(comparison).commonMark()
        } catch {
            throw RenderingError(error)
        }
    case .json:
        var items: [String] = []
        do {
            for trace in traces { items.append(try traceJSON(trace).dropLast().description) }
        } catch {
            throw RenderingError(error)
        }
        return "[\n" + items.joined(separator: ",\n") + "\n]\n"
    }
}

private func comparisonHTML(_ comparison: Comparison) -> String {
    var html = TextBuffer()
    html += "<h1 id=\"top\">"
    appendEscapedHTML(comparison.title, to: &html)
    html += "</h1>\n"
    appendSentences(source: comparison.sourceTokens, target: comparison.targetTokens, to: &html)
    html += "<h2 id=\"alignments\">Alignments</h2>\n"
    appendAlignments(comparison, to: &html)
    html += "<h2 id=\"strongest\">Where each variant looks</h2>\n"
    appendStrongestTable(comparison, to: &html)
    html += "<h2 id=\"weights\">The weights</h2>\n"
    for (trace, alignment) in zip(comparison.traces, comparison.alignments) {
        html += "<details class=\"alternative\"><summary>"
        appendEscapedHTML(trace.variant, to: &html)
        html += " as a table</summary>\n"
        TensorTable.append(alignment, addressable: false, to: &html)
        html += "</details>\n"
    }
    return html.text
}

/// Every variant's alignment heatmap side by side, on one shared colour scale.
func appendAlignments(_ comparison: Comparison, to html: inout TextBuffer) {
    let heatmap = Heatmap.fitted(to: comparison.alignments.map(\.values))
    html += "<p>Each map is one variant's attention weights: rows are target words, columns source words. "
        + "All maps share one colour scale, from \(NumberFormatting.fixed(heatmap.scale.lowerBound)) "
        + "to \(NumberFormatting.fixed(heatmap.scale.upperBound)), so the same colour means the same weight.</p>\n"
    html += "<div class=\"heatmap-grid comparison\">\n"
    for (trace, alignment) in zip(comparison.traces, comparison.alignments) {
        heatmap.append(alignment, caption: trace.variant, to: &html)
    }
    html += "</div>\n"
}

/// A table with a row per target word naming, under each variant, the source word it attends to most.
func appendStrongestTable(_ comparison: Comparison, to html: inout TextBuffer) {
    html += "<p>For each target word, the source word with the largest weight under each variant, its position and that weight.</p>\n"
    html += "<div class=\"scroll\"><table class=\"tensor comparison strongest\">\n<thead><tr><th scope=\"col\" class=\"corner\">target \\ variant</th>"
    for trace in comparison.traces {
        html += "<th scope=\"col\">"
        appendEscapedHTML(trace.variant, to: &html)
        html += "</th>"
    }
    html += "</tr></thead>\n<tbody>\n"
    for (t, target) in comparison.targetTokens.enumerated() {
        html += "<tr><th scope=\"row\"><bdi>"
        appendEscapedHTML(target, to: &html)
        html += "</bdi></th>"
        for k in comparison.traces.indices {
            let (source, weight) = comparison.strongest(k, target: t)
            html += "<td class=\"strongest\"><bdi>"
            appendEscapedHTML(comparison.sourceTokens[source], to: &html)
            html += "</bdi> <span class=\"position\">#\(source)</span> <span class=\"weight\">\(NumberFormatting.fixed(weight))</span></td>"
        }
        html += "</tr>\n"
    }
    html += "</tbody></table></div>\n"
}

private func comparisonDocument(_ comparison: Comparison) -> Document {
    var blocks = [Block(.heading(level: 1, [.text(comparison.title)]))]
    blocks.append(Block(.paragraph([.text("Source: " + comparison.sourceTokens.joined(separator: " "))])))
    blocks.append(Block(.paragraph([.text("Target: " + comparison.targetTokens.joined(separator: " "))])))
    blocks.append(Block(.heading(level: 2, [.text("Where each variant looks")])))
    var rows = [["target"] + comparison.traces.map(\.variant)]
    for (t, target) in comparison.targetTokens.enumerated() {
        rows.append([target] + comparison.traces.indices.map { k in
            let (source, weight) = comparison.strongest(k, target: t)
            return "\(comparison.sourceTokens[source]) #\(source) \(NumberFormatting.fixed(weight))"
        })
    }
    let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
    let text = rows.map { row in
        zip(row, widths).map { $0 + String(repeating: " ", count: $1 - $0.count) }.joined(separator: "  ")
            .replacing(/\s+$/, with: "")
    }.joined(separator: "\n") + "\n"
    blocks.append(Block(.codeBlock(info: "text", literal: text)))
    for (trace, alignment) in zip(comparison.traces, comparison.alignments) {
        blocks.append(Block(.heading(level: 2, [.text("Weights: "), .code(trace.variant)])))
        blocks.append(Block(.codeBlock(info: "text", literal: textTables(for: alignment))))
    }
    return Document(blocks)
}
