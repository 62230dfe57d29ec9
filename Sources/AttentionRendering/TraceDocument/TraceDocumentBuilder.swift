import AttentionMarkdown
import AttentionTrace

/// Lays out a trace as a document: title, overview, warnings, contents, input, each step
/// (explanation, formulas, tensors, links to its neighbours) and result.
///
/// Steps with a ``Step/group`` are placed under a heading for their group; the
/// presentation may fold a group (``StepGroup/isFoldedByDefault``) so that a long
/// trace reads as its first target word, with the rest opened on demand. Warnings
/// come right after the overview, where a reader sees them before the numbers they
/// qualify.
struct TraceDocumentBuilder<Presentation: TracePresentation> {
    let trace: Trace
    let presentation: Presentation

    /// Builds the document.
    ///
    /// - Throws: ``RenderingError/inconsistentTensor(id:reason:)`` for a step
    ///   tensor whose shape, axes and labels disagree.
    func document() throws(RenderingError) -> Document {
        var blocks = [presentation.heading(trace.pageTitle, level: 1, anchor: "top")]
        var results: [ShownTensor] = []
        for (name, result) in trace.result {
            switch result.recorded {
            case .full(let values): results.append(.numbers(TensorDisplay(result: name, result, values: values, in: trace)))
            case .summary(let summary): results.append(.summary(try SummaryDisplay(result: name, result, summary: summary, in: trace)))
            }
        }
        results.sort { $0.display.id < $1.display.id }
        let outline = StepGroup.grouping(trace.steps)
        let alignment = results.first { $0.display.id == "result.weights" && $0.display.shape.count >= 2 }
        blocks += presentation.overview(of: trace, outline: outline, alignment: alignment)
        if !trace.warnings.isEmpty {
            blocks.append(presentation.heading("Warnings", level: 2, anchor: Anchor.warnings))
            blocks.append(Block(.bulletList(items: trace.warnings.map(paragraphs))))
        }
        blocks += presentation.contents(of: trace, outline: outline)
        blocks += input()
        var position = 0
        for (number, group) in outline.enumerated() {
            var stepLevel = 2
            if let title = group.title {
                blocks += presentation.groupStart(title, anchor: Anchor.group(number), folded: group.isFoldedByDefault)
                stepLevel = 3
            }
            for step in group.steps {
                blocks += try self.step(step, level: stepLevel)
                let previous = position > 0 ? trace.steps[position - 1] : nil
                let next = position + 1 < trace.steps.count ? trace.steps[position + 1] : nil
                blocks += presentation.stepNavigation(previous: previous, next: next)
                position += 1
            }
            if group.title != nil { blocks += presentation.groupEnd() }
        }
        blocks.append(presentation.heading("Result", level: 2, anchor: Anchor.result))
        for result in results {
            blocks += presentation.tensor(result)
        }
        return Document(blocks)
    }

    private func input() -> [Block] {
        var blocks = [presentation.heading("Input", level: 2, anchor: Anchor.input)]
        blocks.append(Block(.paragraph([.text("Mechanism: "), .code(trace.variant)])))
        for (name, tokens) in [("Source tokens", trace.sourceTokens), ("Target tokens", trace.targetTokens)] {
            guard let tokens else { continue }
            var inlines: [Inline] = [.text("\(name): ")]
            for (k, token) in tokens.enumerated() {
                if k > 0 { inlines.append(.text(" ")) }
                inlines.append(.code(token))
            }
            blocks.append(Block(.paragraph(inlines)))
        }
        if !trace.options.isEmpty {
            blocks.append(Block(.paragraph([.text("Options:")])))
            let options = trace.options.sorted { $0.key < $1.key }.map { key, value in
                [Block(.paragraph([.code(key), .text(": \(value)")]))]
            }
            blocks.append(Block(.bulletList(items: options)))
        }
        return blocks
    }

    func step(_ step: Step, level: Int) throws(RenderingError) -> [Block] {
        var blocks = [presentation.heading(step.title, level: level, anchor: Anchor.step(step.id))]
        blocks += paragraphs(step.explanation)
        if !step.formulas.isEmpty { blocks += presentation.formulas(step.formulas) }
        if presentation.leavesOutTensors(of: step) { return blocks + presentation.tensorsLeftOut(of: step) }
        for tensor in step.tensors {
            switch tensor.recorded {
            case .full(let values): blocks += presentation.tensor(.numbers(try TensorDisplay(tensor, values: values)))
            case .summary(let summary): blocks += presentation.tensor(.summary(try SummaryDisplay(tensor, summary: summary)))
            }
        }
        return blocks
    }
}

extension Trace {
    /// The title shown on the page and, for HTML, in the browser tab.
    var pageTitle: String { "Attention trace: \(variant)" }
}

/// Paragraphs of plain text: blank lines separate paragraphs, single line breaks stay soft breaks.
func paragraphs(_ text: String) -> [Block] {
    text.split(separator: "\n", omittingEmptySubsequences: false)
        .split { $0.allSatisfy(\.isWhitespace) }
        .map { lines in
            var inlines: [Inline] = []
            for (k, line) in lines.enumerated() {
                if k > 0 { inlines.append(.softBreak) }
                inlines.append(.text(String(line)))
            }
            return Block(.paragraph(inlines))
        }
}
