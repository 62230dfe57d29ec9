import AttentionMarkdown
import AttentionTrace

/// What differs between the Markdown and the HTML page of a trace: how
/// headings, formulas and tensors are shown, and what comes before the steps.
///
/// ``TraceDocumentBuilder`` lays out the page the same way for both, so the
/// two formats never disagree about what a trace contains.
protocol TracePresentation {
    /// A heading; `anchor` is the fragment that links to it.
    func heading(_ text: String, level: Int, anchor: String) -> Block
    /// Blocks between the input and the steps, such as contents and an alignment overview.
    ///
    /// - Parameters:
    ///   - trace: The trace being shown.
    ///   - outline: The steps, grouped as they will appear.
    ///   - alignment: The result `weights`, when it is a matrix (or a stack of them).
    func overview(of trace: Trace, outline: [StepGroup], alignment: ShownTensor?) -> [Block]
    /// Links to every section, placed after the overview and the warnings; empty when the format has none.
    func contents(of trace: Trace, outline: [StepGroup]) -> [Block]
    /// What opens a titled group of steps: its heading, and for HTML a `<details>` that is
    /// closed when `folded`.
    func groupStart(_ title: String, anchor: String, folded: Bool) -> [Block]
    /// What closes a group that ``groupStart(_:anchor:folded:)`` opened.
    func groupEnd() -> [Block]
    /// Links from a step to its neighbours, placed after the step.
    func stepNavigation(previous: Step?, next: Step?) -> [Block]
    /// A step's formulas.
    func formulas(_ formulas: [Formula]) -> [Block]
    /// A tensor's values (or, when the trace kept only a summary, what it kept), caption and provenance.
    func tensor(_ tensor: ShownTensor) -> [Block]
    /// Whether the page leaves out `step`'s tensors to stay small (an HTML page of a long input).
    func leavesOutTensors(of step: Step) -> Bool
    /// What stands for `step`'s tensors when ``leavesOutTensors(of:)``: which they are and how to see them.
    func tensorsLeftOut(of step: Step) -> [Block]
}

extension TracePresentation {
    func leavesOutTensors(of step: Step) -> Bool { false }
    func tensorsLeftOut(of step: Step) -> [Block] { [] }
}

/// Fragment identifiers shared by headings, the contents and provenance links.
enum Anchor {
    static func step(_ id: String) -> String { "step-\(id)" }
    static func group(_ number: Int) -> String { "group-\(number + 1)" }
    static func tensor(_ id: TensorID) -> String { "tensor-\(id)" }
    static let input = "input"
    static let warnings = "warnings"
    static let result = "result"
}

/// Consecutive steps that share a ``Step/group``, such as every step for one target word.
struct StepGroup {
    /// The group's title, or `nil` for steps that apply to the whole input.
    let title: String?
    var steps: [Step]

    /// Whether the page shows this group folded until the reader opens it: the encoder's
    /// internals (steps `encode.…`) and every target word's steps but the first (`t1.…`
    /// onwards), which repeat the first word's computation with other numbers.
    var isFoldedByDefault: Bool {
        guard title != nil else { return false }
        return steps.contains { step in
            if step.id.hasPrefix("encode.") { return true }
            guard step.id.first == "t", let dot = step.id.firstIndex(of: "."),
                  let word = Int(step.id[step.id.index(after: step.id.startIndex)..<dot]) else { return false }
            return word > 0
        }
    }

    /// Splits `steps` into runs with the same group, keeping their order.
    static func grouping(_ steps: [Step]) -> [StepGroup] {
        var groups: [StepGroup] = []
        for step in steps {
            if let last = groups.indices.last, groups[last].title == step.group {
                groups[last].steps.append(step)
            } else {
                groups.append(StepGroup(title: step.group, steps: [step]))
            }
        }
        return groups
    }
}
