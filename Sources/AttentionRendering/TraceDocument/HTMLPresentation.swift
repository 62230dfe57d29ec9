import AttentionTrace

/// Shows a trace as HTML: headings with anchors, a contents list, an alignment
/// heatmap, formulas as MathML and tensors as tables (and heatmaps when both
/// axes are labelled), all as raw HTML blocks whose user text is escaped here.
struct HTMLPresentation: TracePresentation {
    /// Identifiers of the tensors that have a table on the page, which provenance lines link to.
    let tensorsOnPage: Set<TensorID>

    init(trace: Trace) {
        tensorsOnPage = Set(trace.steps.flatMap { $0.tensors.map(\.id) })
    }

    func heading(_ text: String, level: Int, anchor: String) -> Block {
        var html = "<h\(level) id=\""
        appendEscapedHTML(anchor, to: &html)
        html += "\">"
        appendEscapedHTML(text, to: &html)
        html += "</h\(level)>"
        return Block(.html(html))
    }

    /// The contents (steps grouped as on the page) and the alignment heatmap.
    func overview(of trace: Trace, outline: [StepGroup], alignment: TensorDisplay?) -> [Block] {
        func link(_ text: String, to anchor: String) -> [Block] {
            [Block(.paragraph([.link(destination: "#" + anchor, [.text(text)])]))]
        }
        var entries = [link("Input", to: Anchor.input)]
        for (number, group) in outline.enumerated() {
            let steps = group.steps.map { link($0.title, to: Anchor.step($0.id)) }
            if let title = group.title {
                entries.append(link(title, to: Anchor.group(number)) + [Block(.bulletList(items: steps))])
            } else {
                entries += steps
            }
        }
        if !trace.warnings.isEmpty { entries.append(link("Warnings", to: Anchor.warnings)) }
        entries.append(link("Result", to: Anchor.result))
        var blocks = [
            Block(.html("<nav class=\"contents\" aria-labelledby=\"contents\">")),
            heading("Contents", level: 2, anchor: "contents"),
            Block(.bulletList(items: entries)),
            Block(.html("</nav>")),
        ]
        if let alignment {
            blocks.append(heading("Alignment", level: 2, anchor: "alignment"))
            let rows = alignment.rowAxis?.name ?? "row"
            let columns = alignment.columnAxis?.name ?? "column"
            blocks += paragraphs("Each row is a \(rows) position and each column a \(columns) position; "
                + "a brighter cell means more attention.")
            var html = ""
            Heatmap.weights.append(alignment, to: &html)
            blocks.append(Block(.html(html)))
        }
        return blocks
    }

    func formulas(_ formulas: [Formula]) -> [Block] {
        [Block(.html(formulas.map { $0.mathML(display: .block) }.joined(separator: "\n")))]
    }

    /// A figure with the table(s), the provenance line, and a heatmap when rows and columns are labelled.
    func tensor(_ tensor: TensorDisplay) -> [Block] {
        var html = "<figure class=\"tensor\" id=\""
        appendEscapedHTML(Anchor.tensor(tensor.id), to: &html)
        html += "\">\n"
        TensorTable.append(tensor, to: &html)
        html += "<p class=\"provenance\">"
        for piece in tensor.origin.pieces {
            switch piece {
            case .text(let text):
                appendEscapedHTML(text, to: &html)
            case .tensor(let id) where tensorsOnPage.contains(id):
                html += "<a href=\"#"
                appendEscapedHTML(Anchor.tensor(id), to: &html)
                html += "\"><code>"
                appendEscapedHTML(id, to: &html)
                html += "</code></a>"
            case .tensor(let id):
                html += "<code>"
                appendEscapedHTML(id, to: &html)
                html += "</code>"
            }
        }
        html += "</p>\n"
        if tensor.hasLabelledRowsAndColumns {
            Heatmap.fitted(to: tensor).append(tensor, to: &html)
        }
        html += "</figure>"
        return [Block(.html(html))]
    }
}
