import AttentionTrace

/// How one number of a trace was computed: the lines its page shows when the cell is clicked.
///
/// Any recorded step tensor and any result (`result.weights`) can be asked
/// for, including those a page draws as pictures without their numbers. To
/// explain several cells of one trace, ``CellDerivations`` indexes it once.
///
/// - Parameters:
///   - id: The tensor's identifier, such as `head0.normalise.weights` or `result.weights`.
///   - index: One coordinate per dimension: `[row, column]` for a matrix, `[column]`
///     for a vector, `[head, row, column]` for a stack of matrices.
///   - trace: The trace holding the tensor.
/// - Returns: The derivation's lines; the last one ends with the cell's value as tables show it.
/// - Throws: ``DerivationError/unknownTensor(id:available:)`` when the trace has no tensor `id`;
///   ``DerivationError/numbersNotKept(id:largestStoredTensor:)`` when it keeps only its summary;
///   ``DerivationError/cellOutOfRange(id:index:shape:)`` when `index` does not fit its shape.
/// - Complexity: O(size of the trace), to index it.
public func derivation(ofCell id: TensorID, at index: [Int], in trace: Trace) throws(DerivationError) -> [String] {
    try CellDerivations(trace: trace).derivation(ofCell: id, at: index)
}

/// The derivations of any cells of one trace, from one index of its tensors, as
/// `attention-trace explain` prints them and its page shows them.
public struct CellDerivations: Sendable {
    private let trace: Trace
    private let rules: DerivationRules

    /// Indexes every tensor of `trace`.
    ///
    /// - Complexity: O(number of tensors in the trace).
    public init(trace: Trace) {
        self.trace = trace
        rules = DerivationRules(trace: trace)
    }

    /// How the cell at `index` of tensor `id` was computed; see ``derivation(ofCell:at:in:)``.
    ///
    /// - Throws: ``DerivationError/unknownTensor(id:available:)`` when the trace has no tensor `id`;
    ///   ``DerivationError/numbersNotKept(id:largestStoredTensor:)`` when it keeps only its summary;
    ///   ``DerivationError/cellOutOfRange(id:index:shape:)`` when `index` does not fit its shape.
    /// - Complexity: O(size of the tensor) to build its ``DerivationRule``, plus O(size of
    ///   the trace) to find which recorded tensor a result repeats.
    public func derivation(ofCell id: TensorID, at index: [Int]) throws(DerivationError) -> [String] {
        try derivations(ofCells: [index], of: id)[0]
    }

    /// How each cell at `indices` of tensor `id` was computed, writing the tensor's
    /// template once for all of them; see ``derivation(ofCell:at:in:)``.
    ///
    /// - Throws: As ``derivation(ofCell:at:)``, for the first index that does not fit.
    /// - Complexity: That of ``derivation(ofCell:at:)`` once, plus O(length of the template) per cell.
    public func derivations(ofCells indices: [[Int]], of id: TensorID) throws(DerivationError) -> [[String]] {
        func checked(_ shape: [Int]) throws(DerivationError) {
            for index in indices {
                guard index.count == max(shape.count, 1), zip(index, shape.isEmpty ? [1] : shape).allSatisfy({ 0 <= $0 && $0 < $1 }) else {
                    throw .cellOutOfRange(id: id, index: index, shape: shape)
                }
            }
        }
        let rule: DerivationRule
        let notKept = DerivationError.numbersNotKept(id: id, largestStoredTensor: trace.recording.largestStoredTensor ?? 0)
        if let tensor = rules.tensor(id) {
            guard tensor.values != nil else { throw notKept }
            try checked(tensor.shape)
            rule = rules.rule(for: tensor)
        } else {
            let name = id.hasPrefix("result.") ? String(id.dropFirst("result.".count)) : ""
            if trace.result[name]?.summary != nil { throw notKept }
            guard let result = trace.result[name], let values = result.values else {
                let available = trace.steps.flatMap { $0.tensors.map(\.id) } + trace.result.keys.sorted().map { "result.\($0)" }
                throw .unknownTensor(id: id, available: available)
            }
            try checked(values.shape)
            rule = rules.rule(forResult: id, shape: values.shape)
        }
        var continued: [TensorID: DerivationTemplate?] = [:]
        let formatter = DerivationFormatter(rules: rules)
        let template = formatter.template(of: rule)
        return indices.map { index in
            template.filled(at: index, shape: rule.output.shape, value: rules.value(of:row:column:)) { id in
                if let known = continued[id] { return known }
                let template = formatter.rule(id).map(formatter.template(of:))
                continued[id] = template
                return template
            }
        }
    }
}
