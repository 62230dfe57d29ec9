import AttentionMarkdown
import AttentionTrace

/// Shows a trace as HTML: headings with anchors, an overview with the alignment
/// heatmap, a contents list, step-by-step navigation, formulas as MathML and
/// tensors as tables whose every cell can be opened to show its derivation
/// (heatmaps beside them when both axes are labelled, and heatmaps instead of
/// tables for matrices above ``TensorDisplay/largestTable``, pictures for the
/// huge ones as ``PagePolicy`` decides). All are raw HTML blocks whose user text
/// is escaped here.
struct HTMLPresentation: TracePresentation {
    /// Identifiers of the tensors that have a table on the page, which provenance lines link to.
    let tensorsOnPage: Set<TensorID>
    /// Identifiers of the step tensors whose values the page embeds: all but the pictures.
    let tensorsWithValues: Set<TensorID>
    /// The rule of every tensor shown, whose template the page script fills for a cell.
    let rules: DerivationRules
    /// Which tensors are tables, interactive heatmaps or pictures.
    let policy: PagePolicy

    init(trace: Trace) {
        let tensors = trace.steps.flatMap(\.tensors)
        let kept = tensors.filter { $0.values != nil }
        let policy = PagePolicy(shapes: kept.map(\.shape) + trace.result.values.compactMap(\.values?.shape),
                                summarizedShapes: tensors.compactMap(\.summary?.shape) + trace.result.values.compactMap(\.summary?.shape))
        tensorsOnPage = Set(tensors.map(\.id))
        tensorsWithValues = Set(kept.filter { policy.tier(ofShape: $0.shape) != .picture }.map(\.id))
        rules = DerivationRules(trace: trace)
        self.policy = policy
    }

    func heading(_ text: String, level: Int, anchor: String) -> Block {
        var html = TextBuffer(capacity: 256)
        html += "<h\(level) id=\""
        appendEscapedHTML(anchor, to: &html)
        html += "\">"
        appendEscapedHTML(text, to: &html)
        html += "</h\(level)>"
        return Block(.html(html.text))
    }

    /// The overview (sentences, alignment heatmap, what the result holds), then the contents.
    func overview(of trace: Trace, outline: [StepGroup], alignment: ShownTensor?) -> [Block] {
        var blocks = [heading("Overview", level: 2, anchor: "overview")]
        var html = TextBuffer()
        appendSentences(source: trace.sourceTokens, target: trace.targetTokens, to: &html)
        if let alignment {
            let rows = alignment.display.rowAxis?.name ?? "row"
            let columns = alignment.display.columnAxis?.name ?? "column"
            html += "<p>Each row of the alignment is a \(rows) position and each column a \(columns) position; "
            switch alignment {
            case .numbers(let weights) where policy.tier(of: weights) != .picture:
                html += "a brighter cell means more attention. Hover over a cell for its value.</p>\n"
                Heatmap.fitted(to: weights).append(weights, to: &html)
                if !weights.isLarge {
                    html += "<details class=\"alternative\"><summary>Show the alignment as a table</summary>\n"
                    TensorTable.append(weights, addressable: false, to: &html)
                    html += "</details>\n"
                }
            case .numbers(let weights):
                html += "a brighter pixel means more attention.</p>\n"
                RasterHeatmap(TensorSummary(weights.values, pictureSide: RasterHeatmap.largestSide)).append(weights, to: &html)
            case .summary(let weights):
                html += "a brighter pixel means more attention.</p>\n"
                RasterHeatmap(weights.summary).append(weights, to: &html)
            }
        }
        let shapes = trace.result.mapValues(\.shape)
        html += "<p>The result holds "
        html += shapes.keys.sorted().map { name in
            "<a href=\"#\(escapedHTML(Anchor.tensor("result.\(name)")))\"><code>\(escapedHTML(name))</code></a> ("
                + (shapes[name]?.map(String.init).joined(separator: " × ") ?? "") + ")"
        }.joined(separator: ", ")
        html += ". <strong>Click any number in a table</strong> to see how it was computed from the numbers before it.</p>"
        if let largest = trace.recording.largestStoredTensor, policy.numbersNotRecorded > 0 {
            html += "\n<p class=\"recording-policy\">This trace keeps tensors of up to \(grouped(largest)) numbers; "
                + "\(grouped(policy.numbersNotRecorded)) numbers of larger ones were computed and summarised, not kept. "
                + "Trace with <code>--full</code> to keep every number.</p>"
        }
        if policy.numbersNotEmbedded > 0 {
            html += "\n<p class=\"page-policy\">"
                + (policy.largeTensorsArePictures
                    ? "Tensors too large for a table are shown as pictures here, since together they hold more than \(grouped(TensorDisplay.interactiveNumberBudget)) numbers"
                    : "Tensors with more than \(grouped(TensorDisplay.largestInteractiveHeatmap)) numbers are shown as pictures")
                + "; \(grouped(policy.numbersNotEmbedded)) numbers are not embedded. "
            appendOnDemandHint(for: "ID", to: &html)
            html += "</p>"
        }
        blocks.append(Block(.html(html.text)))
        return blocks + contents(of: trace, outline: outline)
    }


    private func contents(of trace: Trace, outline: [StepGroup]) -> [Block] {
        func link(_ text: String, to anchor: String) -> [Block] {
            [Block(.paragraph([.link(destination: "#" + anchor, [.text(text)])]))]
        }
        var entries = [link("Overview", to: "overview"), link("Input", to: Anchor.input)]
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
        return [
            Block(.html("<nav class=\"contents\" aria-labelledby=\"contents\">")),
            heading("Contents", level: 2, anchor: "contents"),
            Block(.bulletList(items: entries)),
            Block(.html("</nav>")),
        ]
    }

    /// Links to the previous step, the contents and the next step.
    func stepNavigation(previous: Step?, next: Step?) -> [Block] {
        var html = TextBuffer(capacity: 512)
        html += "<nav class=\"step-nav\" aria-label=\"Step navigation\">"
        if let previous {
            html += "<a rel=\"prev\" href=\"#\(escapedHTML(Anchor.step(previous.id)))\">← \(escapedHTML(previous.title))</a>"
        }
        html += "<a href=\"#contents\">Contents</a>"
        if let next {
            html += "<a rel=\"next\" href=\"#\(escapedHTML(Anchor.step(next.id)))\">\(escapedHTML(next.title)) →</a>"
        }
        html += "</nav>"
        return [Block(.html(html.text))]
    }

    func formulas(_ formulas: [Formula]) -> [Block] {
        [Block(.html(formulas.map { $0.mathML(display: .block) }.joined(separator: "\n")))]
    }

    /// A figure with the table(s) (or, when large, a heatmap and the numbers on
    /// demand), the provenance line, the derivations, and a heatmap when rows
    /// and columns are labelled.
    func tensor(_ shown: ShownTensor) -> [Block] {
        switch shown {
        case .numbers(let tensor) where policy.tier(of: tensor) == .picture:
            picture(of: tensor, RasterHeatmap(TensorSummary(tensor.values, pictureSide: RasterHeatmap.stepSide)))
        case .numbers(let tensor):
            numbers(of: tensor)
        case .summary(let tensor):
            picture(of: tensor, RasterHeatmap(tensor.summary))
        }
    }

    /// A figure with a picture per slice, the way to get any number, and the provenance line.
    private func picture(of tensor: some DisplayedTensor, _ raster: RasterHeatmap) -> [Block] {
        var html = TextBuffer(capacity: 64 * 1024)
        html += "<figure class=\"tensor\" id=\""
        appendEscapedHTML(Anchor.tensor(tensor.id), to: &html)
        html += "\">\n<figcaption class=\"large\">"
        TensorTable.appendCaption(of: tensor, to: &html)
        html += "</figcaption>\n"
        raster.append(tensor, to: &html)
        html += "<p class=\"on-demand\">"
        appendOnDemandHint(for: tensor.id, index: tensor.indexPlaceholder, to: &html)
        html += "</p>\n"
        appendProvenance(of: tensor, to: &html)
        html += "</figure>"
        return [Block(.html(html.text))]
    }

    private func numbers(of tensor: TensorDisplay) -> [Block] {
        var html = TextBuffer(capacity: 64 * 1024)
        html += "<figure class=\"tensor\" id=\""
        appendEscapedHTML(Anchor.tensor(tensor.id), to: &html)
        html += "\">\n"
        if tensor.isLarge {
            html += "<figcaption class=\"large\">"
            TensorTable.appendCaption(of: tensor, to: &html)
            html += "</figcaption>\n"
            Heatmap.fitted(to: tensor).append(tensor, to: &html)
            html += "<details class=\"numbers\" data-tensor=\""
            appendEscapedHTML(tensor.id, to: &html)
            html += "\"><summary>Show all \(tensor.values.scalars.count) numbers as a table</summary></details>\n"
        } else {
            TensorTable.append(tensor, to: &html)
        }
        appendProvenance(of: tensor, to: &html)
        appendDataIsland(for: tensor, derivation: derivation(of: tensor), withLabels: tensor.isLarge, to: &html)
        if tensor.hasLabelledRowsAndColumns, !tensor.isLarge {
            Heatmap.fitted(to: tensor).append(tensor, to: &html)
        }
        html += "</figure>"
        return [Block(.html(html.text))]
    }

    /// The derivation template of a step tensor, with excerpts of the operands drawn as
    /// pictures; for a result, the recorded tensors it repeats, or `nil` when it repeats none.
    private func derivation(of tensor: TensorDisplay) -> DerivationTemplate? {
        let rule: DerivationRule
        if let traced = rules.tensor(tensor.id) {
            rule = rules.rule(for: traced, embedding: tensorsWithValues.contains)
        } else {
            rule = rules.rule(forResult: tensor)
            guard case .result(let sources) = rule.kind, !sources.isEmpty else { return nil }
        }
        return DerivationTemplate(rule: rule, hasValues: { tensorsWithValues.contains($0.id) || $0.excerpt != nil })
    }

    /// `Any number: run the same attention-trace trace command as attention-trace explain … --cell "ID[row,column]"…`.
    private func appendOnDemandHint(for id: String, index: String = "row,column", to html: inout TextBuffer) {
        html += "Any number: run the same <code>attention-trace trace</code> command as <code>attention-trace explain … --cell \""
        appendEscapedHTML("\(id)[\(index)]", to: &html)
        html += "\"</code>, or write every number with <code>--format json --full</code>."
    }

    private func appendProvenance(of tensor: some DisplayedTensor, to html: inout TextBuffer) {
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
    }
}

/// `1234567` written `1,234,567`.
private func grouped(_ number: Int) -> String {
    let digits = String(number.magnitude)
    var text = number < 0 ? "-" : ""
    for (k, digit) in digits.enumerated() {
        if k > 0, (digits.count - k) % 3 == 0 { text += "," }
        text.append(digit)
    }
    return text
}
