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

    /// The names closest to `name` among the results and recorded tensors, closest first, for a
    /// "did you mean": those within a third of the name's length in edits, or containing it.
    ///
    /// - Complexity: O(number of tensors × length²).
    public func names(closestTo name: String, limit: Int = 3) -> [String] {
        let candidates = result.keys.sorted() + steps.flatMap { $0.tensors.map(\.id) }
        let wanted = Array(name.lowercased())
        let scored = candidates.map { candidate in (candidate, editDistance(wanted, Array(candidate.lowercased()))) }
            .filter { candidate, distance in
                distance <= max(2, wanted.count / 3) || (!wanted.isEmpty && candidate.lowercased().contains(name.lowercased()))
            }
        var seen = Set<String>()
        return scored.sorted { $0.1 < $1.1 }.map(\.0).filter { seen.insert($0).inserted }.prefix(limit).map { $0 }
    }
}

/// The Levenshtein distance: the fewest insertions, deletions and substitutions that turn `a` into `b`.
private func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    var previous = Array(0...b.count)
    for (i, x) in a.enumerated() {
        var current = [i + 1] + [Int](repeating: 0, count: b.count)
        for (j, y) in b.enumerated() {
            current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
