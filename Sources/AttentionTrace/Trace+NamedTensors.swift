/// A tensor of a trace as students name it, with what its axes index.
///
/// Lesson checks (`weights[row: "hier"]`) and `attention-trace explain`
/// (`--cell 'weights["hier","yesterday"]'`) both find tensors through
/// ``AttentionTrace/Trace/namedTensor(_:)``, so a name means the same in both.
public struct NamedTensor: Sendable {
    /// The identifier cell derivations use: `result.weights` for a result, the step tensor's own otherwise.
    public let id: TensorID
    /// The values.
    public let values: Tensor
    /// One axis per dimension, labelled as the trace page labels it; ``Axis/position(ofLabel:)``
    /// reads a label as a position.
    public let axes: [Axis]
}

extension Trace {
    /// The tensor `name` means: a result (`weights`, or `result.weights`), a recorded step
    /// tensor (`t0.score.scores`, and the inputs a step shows, such as `keys`), or an input (`W_a`).
    ///
    /// A result has its own axes (``TraceResult/axes``: `weights` has target, or source,
    /// tokens on rows and source tokens on columns); an input that no step shows has unlabelled axes.
    ///
    /// - Returns: The tensor, or `nil` when the trace has nothing called `name` whose numbers it keeps.
    /// - Complexity: O(number of tensors in the trace).
    public func namedTensor(_ name: String) -> NamedTensor? {
        let resultName = name.hasPrefix("result.") ? String(name.dropFirst("result.".count)) : name
        if let result = result[resultName] {
            return result.values.map { NamedTensor(id: "result.\(resultName)", values: $0, axes: result.axes) }
        }
        if let traced = tensor(name) {
            return traced.values.map { NamedTensor(id: traced.id, values: $0, axes: traced.axes) }
        }
        if let values = inputs[name] {
            return NamedTensor(id: name, values: values, axes: values.shape.indices.map { Axis(name: "axis \($0)") })
        }
        return nil
    }
}
