import AttentionJSON
import AttentionMarkdown
import AttentionText
import AttentionTrace

/// Renders traces of the same sentence under several variants (or one variant with different
/// options) as one page.
///
/// The page shows the sentences, every entry's alignment heatmap side by side on one shared
/// colour scale (so the same colour means the same weight in each), and for each row (a target
/// word, or a query word in self-attention) the word each entry attends to most.
///
/// - Parameters:
///   - entries: One trace per entry, each with two-dimensional `weights` over the same tokens.
///   - format: HTML for the page; Markdown for the same content as text;
///     JSON for the traces as an array.
/// - Returns: The rendered text, ending with a newline.
/// - Throws: ``RenderingError/incomparable(variant:reason:)`` for a trace without such
///   weights or with other tokens, and the errors of ``render(_:as:)`` for JSON.
public func renderComparison(_ entries: [ComparisonEntry], as format: TraceFormat) throws(RenderingError) -> String {
    let comparison = try Comparison(entries)
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
            for entry in entries { items.append(try traceJSON(entry.trace).dropLast().description) }
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
    for (entry, alignment) in zip(comparison.entries, comparison.alignments) {
        html.open("details", class: "alternative")
        html.open("summary")
        html.text(entry.label + " as a table")
        html.close("summary")
        html.markup("\n")
        TensorTable.write(alignment, addressable: false, to: &html)
        html.close("details")
        html.markup("\n")
    }
    return html.html
}

/// Every entry's alignment heatmap side by side, on one shared colour scale.
func writeAlignments(_ comparison: Comparison, to html: inout HTMLWriter) {
    let heatmap = Heatmap.fitted(to: comparison.alignments.map(\.values))
    html.markup("<p>")
    html.text("Each map is one entry's attention weights: rows are \(comparison.rowNoun)s, columns \(comparison.columnNoun)s. ")
    html.markup("All maps share one colour scale, from ")
    html.fixed(heatmap.scale.lowerBound)
    html.markup(" to ")
    html.fixed(heatmap.scale.upperBound)
    html.markup(", so the same colour means the same weight.</p>\n")
    html.open("div", class: "heatmap-grid comparison")
    html.markup("\n")
    for (entry, alignment) in zip(comparison.entries, comparison.alignments) {
        heatmap.write(alignment, caption: entry.label, to: &html)
    }
    html.close("div")
    html.markup("\n")
}

/// A table with a row per target (or query) word naming, under each entry, the word it attends
/// to most, or for a near-uniform row no word but its largest weight against `1/n`.
func writeStrongestTable(_ comparison: Comparison, to html: inout HTMLWriter) {
    html.element("p", text: strongestTableIntroduction(comparison))
    html.markup("\n")
    html.open("div", class: "scroll")
    html.open("table", class: "tensor comparison strongest")
    html.markup("\n<thead><tr>")
    html.start("th")
    html.attribute("scope", "col")
    html.attribute("class", "corner")
    html.end()
    html.text(comparison.rowRole + " \\ variant")
    html.close("th")
    for entry in comparison.entries {
        html.start("th")
        html.attribute("scope", "col")
        html.end()
        html.text(entry.label)
        html.close("th")
    }
    html.markup("</tr></thead>\n<tbody>\n")
    for (i, token) in comparison.rowTokens.enumerated() {
        html.open("tr")
        html.start("th")
        html.attribute("scope", "row")
        html.end()
        html.element("bdi", text: token)
        html.close("th")
        for k in comparison.entries.indices {
            let look = comparison.look(k, row: i)
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
private func strongestTableIntroduction(_ comparison: Comparison) -> String {
    "For each \(comparison.rowNoun), the \(comparison.columnNoun) with the largest weight under each entry, "
        + "its position and that weight, and the row's evenness: the entropy of its weights over ln n, 1 when all n "
        + "\(comparison.columnNoun)s it can see get 1/n. A row at least \(RowSpread.nearUniformEvenness) even is near uniform "
        + "and names no word: its largest weight is noise."
}

private func comparisonDocument(_ comparison: Comparison) -> Document {
    var blocks = [Block(.heading(level: 1, [.text(comparison.title)]))]
    blocks.append(Block(.paragraph([.text("Source: " + comparison.sourceTokens.joined(separator: " "))])))
    if let target = comparison.targetTokens {
        blocks.append(Block(.paragraph([.text("Target: " + target.joined(separator: " "))])))
    }
    blocks += comparison.parameterOrigins.map { Block(.paragraph([.text($0)])) }
    blocks.append(Block(.heading(level: 2, [.text("Where each variant looks")])))
    blocks.append(Block(.paragraph([.text(strongestTableIntroduction(comparison))])))
    var rows = [[comparison.rowRole] + comparison.entries.map(\.label)]
    for (i, token) in comparison.rowTokens.enumerated() {
        rows.append([token] + comparison.entries.indices.map { k in
            comparison.look(k, row: i).plainText
        })
    }
    blocks.append(Block(.codeBlock(info: "text", literal: alignedColumns(rows))))
    for (entry, alignment) in zip(comparison.entries, comparison.alignments) {
        blocks.append(Block(.heading(level: 2, [.text("Weights: "), .code(entry.label)])))
        blocks.append(Block(.codeBlock(info: "text", literal: textTables(for: alignment))))
    }
    return Document(blocks)
}
