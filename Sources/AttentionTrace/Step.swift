/// One step of a mechanism, as a student would follow it on paper.
public struct Step: Codable, Hashable, Sendable {
    /// A stable identifier, such as `encode` or `t2.normalise`.
    public var id: String
    /// A short title, such as "Score every source position".
    public var title: String
    /// Which part of the computation the step belongs to, such as "Target word 3: “zoo”";
    /// `nil` for steps that apply to the whole input.
    public var group: String?
    /// A short plain-language explanation of what the step does and why.
    public var explanation: String
    /// The step's formulas, in order.
    public var formulas: [Formula]
    /// Every tensor the step reads from the inputs or computes, in order of computation:
    /// each with its numbers, or their summary where the trace's ``RecordingPolicy`` did not keep them.
    public var tensors: [TracedTensor]

    /// Creates a step with no tensors yet.
    public init(id: String, title: String, group: String? = nil, explanation: String,
                formulas: [Formula], tensors: [TracedTensor] = []) {
        self.id = id
        self.title = title
        self.group = group
        self.explanation = explanation
        self.formulas = formulas
        self.tensors = tensors
    }
}
