import AttentionJSON
import AttentionMarkdown
import AttentionText
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
    var html = HTMLWriter()
    html.start("h1")
    html.attribute("id", "top")
    html.end()
    html.text(comparison.title)
    html.close("h1")
    html.markup("\n")
    writeSentences(source: comparison.sourceTokens, target: comparison.targetTokens, to: &html)
    for origin in comparison.parameterOrigins {
        html.open("p", class: "parameters")
        html.text(origin)
        html.close("p")
        html.markup("\n")
    }
    html.markup("<h2 id=\"alignments\">Alignments</h2>\n")
    writeAlignments(comparison, to: &html)
    html.markup("<h2 id=\"strongest\">Where each variant looks</h2>\n")
    writeStrongestTable(comparison, to: &html)
    html.markup("<h2 id=\"weights\">The weights</h2>\n")
    for (trace, alignment) in zip(comparison.traces, comparison.alignments) {
        html.open("details", class: "alternative")
        html.open("summary")
        html.text(trace.variant + " as a table")
        html.close("summary")
        html.markup("\n")
        TensorTable.write(alignment, addressable: false, to: &html)
        html.close("details")
        html.markup("\n")
    }
    return html.html
}

/// Every variant's alignment heatmap side by side, on one shared colour scale.
func writeAlignments(_ comparison: Comparison, to html: inout HTMLWriter) {
    let heatmap = Heatmap.fitted(to: comparison.alignments.map(\.values))
    html.markup("<p>Each map is one variant's attention weights: rows are target words, columns source words. ")
    html.markup("All maps share one colour scale, from ")
    html.fixed(heatmap.scale.lowerBound)
    html.markup(" to ")
    html.fixed(heatmap.scale.upperBound)
    html.markup(", so the same colour means the same weight.</p>\n")
    html.open("div", class: "heatmap-grid comparison")
    html.markup("\n")
    for (trace, alignment) in zip(comparison.traces, comparison.alignments) {
        heatmap.write(alignment, caption: trace.variant, to: &html)
    }
    html.close("div")
    html.markup("\n")
}

/// A table with a row per target word naming, under each variant, the source word it attends to
/// most, or for a near-uniform row no word but its largest weight against `1/n`.
func writeStrongestTable(_ comparison: Comparison, to html: inout HTMLWriter) {
    html.element("p", text: strongestTableIntroduction)
    html.markup("\n")
    html.open("div", class: "scroll")
    html.open("table", class: "tensor comparison strongest")
    html.markup("\n<thead><tr><th scope=\"col\" class=\"corner\">target \\ variant</th>")
    for trace in comparison.traces {
        html.start("th")
        html.attribute("scope", "col")
        html.end()
        html.text(trace.variant)
        html.close("th")
    }
    html.markup("</tr></thead>\n<tbody>\n")
    for (t, target) in comparison.targetTokens.enumerated() {
        html.open("tr")
        html.start("th")
        html.attribute("scope", "row")
        html.end()
        html.element("bdi", text: target)
        html.close("th")
        for k in comparison.traces.indices {
            let look = comparison.look(k, target: t)
            if look.isNearUniform {
                html.open("td", class: "strongest near-uniform")
                html.markup("near uniform ")
            } else {
                html.open("td", class: "strongest")
                html.element("bdi", text: look.word)
                html.markup(" ")
                html.open("span", class: "position")
                html.markup("#")
                html.decimal(look.position)
                html.close("span")
                html.markup(" ")
            }
            html.open("span", class: "weight")
            html.text(look.weightText)
            html.close("span")
            html.markup(" ")
            html.open("span", class: "evenness")
            html.text(look.evennessText)
            html.close("span")
            html.close("td")
        }
        html.close("tr")
        html.markup("\n")
    }
    html.markup("</tbody></table></div>\n")
}

/// What the "where each variant looks" table shows, above it on both formats.
private let strongestTableIntroduction = "For each target word, the source word with the largest weight under each variant, "
    + "its position and that weight, and the row's evenness: the entropy of its weights over ln n, 1 when all n source words "
    + "get 1/n. A row at least \(RowSpread.nearUniformEvenness) even is near uniform and names no word: its largest weight is noise."

private func comparisonDocument(_ comparison: Comparison) -> Document {
    var blocks = [Block(.heading(level: 1, [.text(comparison.title)]))]
    blocks.append(Block(.paragraph([.text("Source: " + comparison.sourceTokens.joined(separator: " "))])))
    blocks.append(Block(.paragraph([.text("Target: " + comparison.targetTokens.joined(separator: " "))])))
    blocks += comparison.parameterOrigins.map { Block(.paragraph([.text($0)])) }
    blocks.append(Block(.heading(level: 2, [.text("Where each variant looks")])))
    blocks.append(Block(.paragraph([.text(strongestTableIntroduction)])))
    var rows = [["target"] + comparison.traces.map(\.variant)]
    for (t, target) in comparison.targetTokens.enumerated() {
        rows.append([target] + comparison.traces.indices.map { k in
            comparison.look(k, target: t).plainText
        })
    }
    blocks.append(Block(.codeBlock(info: "text", literal: alignedColumns(rows))))
    for (trace, alignment) in zip(comparison.traces, comparison.alignments) {
        blocks.append(Block(.heading(level: 2, [.text("Weights: "), .code(trace.variant)])))
        blocks.append(Block(.codeBlock(info: "text", literal: textTables(for: alignment))))
    }
    return Document(blocks)
}
