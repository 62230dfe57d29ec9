import AttentionMarkdown
import AttentionTrace

/// The HTML blocks of some of a trace's steps, for embedding in a page of one's own
/// (a lesson, say) rather than on the trace's standalone page.
///
/// Each selected step is laid out exactly as on the trace page: a heading, the
/// explanation, the formulas as MathML and every tensor as a labelled table
/// (with a heatmap when rows and columns are tokens). Steps that belong to a
/// group ("Target word 3: qui") are placed under a heading for their group one
/// level above the steps. Provenance lines link only to tensors that are shown.
///
/// - Parameters:
///   - trace: The trace whose steps to show.
///   - isIncluded: Whether to show a step; by default every step.
///   - headingLevel: The level of group headings, and of step headings outside a group;
///     steps within a group are one level deeper.
/// - Returns: Raw HTML and Markdown blocks ready to be rendered with ``Document/htmlFragment()``.
/// - Throws: ``RenderingError/inconsistentTensor(id:reason:)`` for a step tensor whose shape,
///   axes and labels disagree.
public func embeddedStepBlocks(of trace: Trace, including isIncluded: (Step) -> Bool = { _ in true },
                               headingLevel: Int = 2) throws(RenderingError) -> [Block] {
    var shown = trace
    shown.steps = trace.steps.filter(isIncluded)
    let builder = TraceDocumentBuilder(trace: shown, presentation: HTMLPresentation(trace: shown))
    var blocks: [Block] = []
    for group in StepGroup.grouping(shown.steps) {
        var stepLevel = headingLevel
        if let title = group.title {
            blocks.append(Block(.heading(level: headingLevel, [.text(title)])))
            stepLevel = headingLevel + 1
        }
        for step in group.steps {
            blocks += try builder.step(step, level: stepLevel)
        }
    }
    return blocks
}
