import AttentionTrace
import Foundation

/// A value a check expression evaluates to.
enum Value: Sendable {
    case number(Double)
    case string(String)
    case boolean(Bool)
    case list([Value])
    /// A tensor, or a slice of one, with what its axes are.
    case tensor(LabelledTensor)
    /// A position on a labelled axis, as `argmax` returns it: equal to its label and to its index.
    case label(String, index: Int)

    /// What kind of value this is, for messages: "a number", "a 2-D tensor".
    var kindDescription: String {
        switch self {
        case .number: "a number"
        case .string: "a string"
        case .boolean: "true or false"
        case .list: "a list"
        case .tensor(let tensor): "a \(tensor.values.shape.count)-D tensor"
        case .label: "a label"
        }
    }

    /// The value as a message shows it; numbers with `decimals` places when given.
    func formatted(decimals: Int? = nil) -> String {
        switch self {
        case .number(let value): formatNumber(value, decimals: decimals)
        case .string(let text), .label(let text, _): "'\(text)'"
        case .boolean(let value): String(value)
        case .list(let items): "[" + items.map { $0.formatted(decimals: decimals) }.joined(separator: ", ") + "]"
        case .tensor(let tensor):
            tensor.values.scalars.count <= 16
                ? tensor.nested.formatted(decimals: decimals)
                : "a tensor of shape \(tensor.values.shape)"
        }
    }
}

/// A tensor with its axes: a trace tensor, a result, an input, or a slice of one of them.
struct LabelledTensor: Sendable {
    /// How the check wrote it, for messages: `weights[row: "hier"]`.
    let name: String
    let values: Tensor
    let axes: [Axis]

    /// The entries as nested lists of numbers, one level per dimension.
    var nested: Value {
        func level(_ dimension: Int, _ offset: Int) -> Value {
            guard dimension < values.shape.count else { return .number(values.scalars[offset]) }
            let stride = values.shape[(dimension + 1)...].reduce(1, *)
            return .list((0..<values.shape[dimension]).map { level(dimension + 1, offset + $0 * stride) })
        }
        return level(0, 0)
    }

    /// The tensor with axis `axis` fixed at `index`: one dimension fewer.
    func fixing(axis: Int, at index: Int, name: String) -> LabelledTensor {
        let shape = values.shape
        let inner = shape[(axis + 1)...].reduce(1, *)
        let outer = shape[..<axis].reduce(1, *)
        var scalars: [Double] = []
        scalars.reserveCapacity(outer * inner)
        for o in 0..<outer {
            let base = (o * shape[axis] + index) * inner
            scalars += values.scalars[base..<(base + inner)]
        }
        var remaining = shape
        remaining.remove(at: axis)
        var axes = axes
        axes.remove(at: axis)
        return LabelledTensor(name: name, values: Tensor(shape: remaining, scalars: scalars), axes: axes)
    }
}

/// A number as a message shows it: `7`, `0.4132`, or with a fixed number of decimals.
func formatNumber(_ value: Double, decimals: Int? = nil) -> String {
    if value == -.infinity { return "−∞ (masked)" }
    if let decimals { return String(format: "%.\(min(max(decimals, 0), 17))f", value) }
    return value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
}
