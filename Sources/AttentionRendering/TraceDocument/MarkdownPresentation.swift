import AttentionMarkdown
import AttentionText
import AttentionTrace

/// Shows a trace as plain CommonMark: formulas and tensors as plain text in fenced code blocks.
struct MarkdownPresentation: TracePresentation {
    func heading(_ text: String, level: Int, anchor: String) -> Block {
        Block(.heading(level: level, [.text(text)]))
    }

    /// Where the parameters came from and how evenly each alignment row spreads; Markdown
    /// has no contents or heatmap, and the result section shows the weights as a table.
    func overview(of trace: Trace, outline: [StepGroup], alignment: ShownTensor?) -> [Block] {
        var blocks: [Block] = []
        if let origin = ParameterOrigin(trace).sentence() { blocks.append(Block(.paragraph([.text(origin)]))) }
        if case .numbers(let weights)? = alignment, let spread = AlignmentSpread(shownIn: weights) {
            blocks.append(Block(.paragraph([.text(spread.summary)])))
            blocks.append(Block(.codeBlock(info: "text", literal: alignedColumns(spread.textRows))))
        }
        return blocks
    }

    /// Markdown is read top to bottom; it has no contents.
    func contents(of trace: Trace, outline: [StepGroup]) -> [Block] {
        []
    }

    /// A heading: Markdown has nothing to fold.
    func groupStart(_ title: String, anchor: String, folded: Bool) -> [Block] {
        [heading(title, level: 2, anchor: anchor)]
    }

    func groupEnd() -> [Block] {
        []
    }

    /// Markdown is read top to bottom; it has no step links.
    func stepNavigation(previous: Step?, next: Step?) -> [Block] {
        []
    }

    func formulas(_ formulas: [Formula]) -> [Block] {
        let text = formulas.map { $0.plainText + "\n" }.joined()
        return [Block(.codeBlock(info: "text", literal: text))]
    }

    /// A caption (`**e** — scores · 2 × 3 (target × source) · t0.score.e`), the
    /// table(s) in a fenced code block, and the provenance line.
    func tensor(_ shown: ShownTensor) -> [Block] {
        let tensor = shown.display
        let caption: [Inline] = [
            .strong([.code(tensor.symbol.plainText)]),
            .text(" — \(tensor.description) · \(tensor.shapeDescription) · "),
            .code(tensor.id),
        ]
        let origin: [Inline] = tensor.origin.pieces.map { piece in
            switch piece {
            case .text(let text): .text(text)
            case .tensor(let id): .code(id)
            }
        }
        return [
            Block(.paragraph(caption)),
            Block(.codeBlock(info: "text", literal: tables(of: shown))),
            Block(.paragraph(origin)),
        ]
    }

    private func tables(of shown: ShownTensor) -> String {
        switch shown {
        case .numbers(let tensor): textTables(for: tensor)
        case .summary(let tensor): textTables(for: tensor, summary: tensor.summary)
        }
    }
}
