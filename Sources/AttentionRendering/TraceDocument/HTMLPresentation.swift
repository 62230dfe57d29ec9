import AttentionDerivation
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
    /// The operand excerpts the data islands have written so far, in page order, which later
    /// islands point at instead of repeating.
    let excerpts = ExcerptsOnPage()

    init(trace: Trace) {
        let results = trace.result.sorted { $0.key < $1.key }.map(PagePolicy.Entry.init(result:_:))
        let steps = trace.steps.map { step in (id: step.id, tensors: step.tensors.map(PagePolicy.Entry.init)) }
        let policy = PagePolicy(results: results, steps: steps)
        let shown = steps.flatMap(\.tensors).filter { !policy.tensorsLeftOut.contains($0.id) }
        tensorsOnPage = Set(shown.map(\.id))
        tensorsWithValues = Set(shown.filter { $0.hasValues && policy.tier(ofShape: $0.shape) != .picture }.map(\.id))
        rules = DerivationRules(trace: trace)
        self.policy = policy
    }

    func heading(_ text: String, level: Int, anchor: String) -> Block {
        var html = HTMLWriter(capacity: 256)
        writeHeading(text, level: level, anchor: anchor, to: &html)
        return Block(.html(html.html))
    }

    private func writeHeading(_ text: String, level: Int, anchor: String, to html: inout HTMLWriter) {
        let tags: [StaticString] = ["h1", "h2", "h3", "h4", "h5", "h6"]
        let tag = tags[min(max(level, 1), 6) - 1]
        html.start(tag)
        html.attribute("id", anchor)
        html.end()
        html.text(text)
        html.close(tag)
    }

    /// The overview (sentences, alignment heatmap, what the result holds), then the contents.
    func overview(of trace: Trace, outline: [StepGroup], alignment: ShownTensor?) -> [Block] {
        var blocks = [heading("Overview", level: 2, anchor: "overview")]
        var html = HTMLWriter()
        writeSentences(source: trace.sourceTokens, target: trace.targetTokens, to: &html)
        if let origin = ParameterOrigin(trace).sentence() {
            html.open("p", class: "parameters")
            html.text(origin)
            html.close("p")
            html.markup("\n")
        }
        if let alignment {
            let rows = alignment.display.rowAxis?.name ?? "row"
            let columns = alignment.display.columnAxis?.name ?? "column"
            html.open("p")
            html.text("Each row of the alignment is a \(rows) position and each column a \(columns) position; ")
            switch alignment {
            case .numbers(let weights) where policy.tier(of: weights) != .picture:
                html.markup("a brighter cell means more attention. Hover over a cell for its value.</p>\n")
                Heatmap.fitted(to: weights).write(weights, to: &html)
                if !weights.isLarge {
                    html.markup("<details class=\"alternative\"><summary>Show the alignment as a table</summary>\n")
                    TensorTable.write(weights, addressable: false, to: &html)
                    html.markup("</details>\n")
                }
                if let spread = AlignmentSpread(shownIn: weights) { writeSpreadTable(spread, to: &html) }
            case .numbers(let weights):
                html.markup("a brighter pixel means more attention.</p>\n")
                RasterHeatmap(TensorSummary(weights.values, pictureSide: RasterHeatmap.largestSide)).write(weights, to: &html)
            case .summary(let weights):
                html.markup("a brighter pixel means more attention.</p>\n")
                RasterHeatmap(weights.summary).write(weights, to: &html)
            }
        }
        let shapes = trace.result.mapValues(\.shape)
        html.markup("<p>The result holds ")
        for (k, name) in shapes.keys.sorted().enumerated() {
            if k > 0 { html.markup(", ") }
            html.start("a")
            html.attribute("href", "#" + Anchor.tensor("result.\(name)"))
            html.end()
            html.element("code", text: name)
            html.close("a")
            html.text(" (" + (shapes[name]?.map(String.init).joined(separator: " × ") ?? "") + ")")
        }
        html.markup(". <strong>Click any number in a table</strong> to see how it was computed from the numbers before it.</p>")
        if let largest = trace.recording.largestStoredTensor, policy.numbersNotRecorded > 0 {
            html.markup("\n<p class=\"recording-policy\">")
            html.text("This trace keeps tensors of up to \(grouped(largest)) numbers; "
                + "\(grouped(policy.numbersNotRecorded)) numbers of larger ones were computed and summarised, not kept. ")
            html.markup("Trace with <code>--full</code> to keep every number.</p>")
        }
        if policy.numbersNotEmbedded > 0 {
            html.markup("\n<p class=\"page-policy\">")
            html.text((policy.largeTensorsArePictures
                    ? "Tensors too large for a table are shown as pictures here, since together they hold more than \(grouped(TensorDisplay.interactiveNumberBudget)) numbers"
                    : "Tensors with more than \(grouped(TensorDisplay.largestInteractiveHeatmap)) numbers are shown as pictures")
                + "; \(grouped(policy.numbersNotEmbedded)) numbers are not embedded. ")
            writeOnDemandHint(for: "ID", to: &html)
            html.markup("</p>")
        }
        if !policy.stepsLeftOut.isEmpty {
            html.markup("\n<p class=\"page-policy\">")
            html.text("To keep this page small, the tensors of the last \(grouped(policy.stepsLeftOut.count)) steps "
                + "(\(grouped(policy.numbersLeftOut)) numbers) are left out; each of those steps says how to see them.")
            html.markup("</p>")
        }
        blocks.append(Block(.html(html.html)))
        return blocks
    }

    /// A `<details class="group">` whose summary is the group's heading, closed when
    /// `folded`; the page script opens it when a link leads inside.
    func groupStart(_ title: String, anchor: String, folded: Bool) -> [Block] {
        var html = HTMLWriter(capacity: 256)
        html.start("details")
        html.attribute("class", "group")
        if !folded { html.attribute("open", "") }
        html.end()
        html.markup("<summary>")
        writeHeading(title, level: 2, anchor: anchor, to: &html)
        html.markup("</summary>")
        return [Block(.html(html.html))]
    }

    func groupEnd() -> [Block] {
        [Block(.html("</details>"))]
    }

    func contents(of trace: Trace, outline: [StepGroup]) -> [Block] {
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
        var html = HTMLWriter(capacity: 512)
        html.start("nav")
        html.attribute("class", "step-nav")
        html.attribute("aria-label", "Step navigation")
        html.end()
        if let previous {
            html.start("a")
            html.attribute("rel", "prev")
            html.attribute("href", "#" + Anchor.step(previous.id))
            html.end()
            html.text("← " + previous.title)
            html.close("a")
        }
        html.markup("<a href=\"#contents\">Contents</a>")
        if let next {
            html.start("a")
            html.attribute("rel", "next")
            html.attribute("href", "#" + Anchor.step(next.id))
            html.end()
            html.text(next.title + " →")
            html.close("a")
        }
        html.close("nav")
        return [Block(.html(html.html))]
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
        var html = HTMLWriter(capacity: 64 * 1024)
        html.start("figure")
        html.attribute("class", "tensor")
        html.attribute("id", Anchor.tensor(tensor.id))
        html.end()
        html.markup("\n")
        html.open("figcaption", class: "tensor-caption")
        TensorTable.writeCaption(of: tensor, to: &html)
        html.close("figcaption")
        html.markup("\n")
        raster.write(tensor, to: &html)
        html.open("p", class: "on-demand")
        writeOnDemandHint(for: tensor.id, index: tensor.indexPlaceholder, to: &html)
        html.close("p")
        html.markup("\n")
        writeProvenance(of: tensor, to: &html)
        html.close("figure")
        return [Block(.html(html.html))]
    }

    func leavesOutTensors(of step: Step) -> Bool {
        policy.stepsLeftOut.contains(step.id)
    }

    /// One paragraph naming the step's tensors and the commands that show them.
    func tensorsLeftOut(of step: Step) -> [Block] {
        var html = HTMLWriter(capacity: 1024)
        html.open("p", class: "left-out")
        html.text("To keep this page small, this step's tensors ("
            + step.tensors.map { "\($0.id) (\($0.shape.map(String.init).joined(separator: " × ")))" }.joined(separator: ", ")
            + ") are left out. ")
        html.markup("The same <code>attention-trace trace</code> command with <code>--show ")
        html.text(step.id)
        html.markup("</code> shows this step in full, and <code>attention-trace explain … --cell</code> gives any of its numbers.")
        html.close("p")
        return [Block(.html(html.html))]
    }

    private func numbers(of tensor: TensorDisplay) -> [Block] {
        var html = HTMLWriter(capacity: 64 * 1024)
        html.start("figure")
        html.attribute("class", "tensor")
        html.attribute("id", Anchor.tensor(tensor.id))
        html.end()
        html.markup("\n")
        html.open("figcaption", class: "tensor-caption")
        TensorTable.writeCaption(of: tensor, to: &html)
        html.close("figcaption")
        html.markup("\n")
        if tensor.isLarge {
            Heatmap.fitted(to: tensor).write(tensor, to: &html)
            html.start("details")
            html.attribute("class", "numbers")
            html.attribute("data-tensor", tensor.id)
            html.end()
            html.element("summary", text: "Show all \(tensor.values.scalars.count) numbers as a table")
            html.close("details")
            html.markup("\n")
        } else {
            TensorTable.write(tensor, inFigure: true, to: &html)
        }
        writeProvenance(of: tensor, to: &html)
        writeDataIsland(for: tensor, derivation: derivation(of: tensor), excerpts: excerpts, withNumbers: tensor.isLarge, to: &html)
        if tensor.hasLabelledRowsAndColumns, !tensor.isLarge {
            Heatmap.fitted(to: tensor).write(tensor, to: &html)
        }
        html.close("figure")
        return [Block(.html(html.html))]
    }

    /// The derivation template of a step tensor, with excerpts of the operands drawn as
    /// pictures; for a result, the recorded tensors it repeats, or `nil` when it repeats none.
    private func derivation(of tensor: TensorDisplay) -> DerivationTemplate? {
        let rule: DerivationRule
        if let traced = rules.tensor(tensor.id) {
            rule = rules.rule(for: traced, embedding: tensorsWithValues.contains)
        } else {
            rule = rules.rule(forResult: tensor.id, shape: tensor.shape)
            guard case .result(let sources) = rule.kind, !sources.isEmpty else { return nil }
        }
        return DerivationTemplate(rule: rule, hasValues: { tensorsWithValues.contains($0.id) || $0.excerpt != nil })
    }

    /// `Any number: run the same attention-trace trace command as attention-trace explain … --cell "ID[row,column]"…`.
    private func writeOnDemandHint(for id: String, index: String = "row,column", to html: inout HTMLWriter) {
        html.markup("Any number: run the same <code>attention-trace trace</code> command as <code>attention-trace explain … --cell \"")
        html.text("\(id)[\(index)]")
        html.markup("\"</code>, or write every number with <code>--format json --full</code>.")
    }

    private func writeProvenance(of tensor: some DisplayedTensor, to html: inout HTMLWriter) {
        html.open("p", class: "provenance")
        for piece in tensor.origin.pieces {
            switch piece {
            case .text(let text):
                html.text(text)
            case .tensor(let id) where tensorsOnPage.contains(id):
                html.start("a")
                html.attribute("href", "#" + Anchor.tensor(id))
                html.end()
                html.element("code", text: id)
                html.close("a")
            case .tensor(let id):
                html.element("code", text: id)
            }
        }
        html.close("p")
        html.markup("\n")
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
