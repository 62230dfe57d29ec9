import AttentionTrace

/// How one number of a trace was computed: the lines its page shows when the cell is clicked.
///
/// Any recorded step tensor and any result (`result.weights`) can be asked
/// for, including those a page draws as pictures without their numbers.
///
/// - Parameters:
///   - id: The tensor's identifier, such as `head0.normalise.weights` or `result.weights`.
///   - index: One coordinate per dimension: `[row, column]` for a matrix, `[column]`
///     for a vector, `[head, row, column]` for a stack of matrices.
///   - trace: The trace holding the tensor.
/// - Returns: The derivation's lines; the last one ends with the cell's value as tables show it.
/// - Throws: ``RenderingError/unknownTensor(id:available:)`` when the trace has no tensor `id`;
///   ``RenderingError/numbersNotKept(id:largestStoredTensor:)`` when it keeps only its summary;
///   ``RenderingError/cellOutOfRange(id:index:shape:)`` when `index` does not fit its shape.
/// - Complexity: O(``DerivationFormatting/maximumTerms``) for a step tensor, plus O(size of
///   the trace) to find which recorded tensor a result repeats.
public func derivation(ofCell id: TensorID, at index: [Int], in trace: Trace) throws(RenderingError) -> [String] {
    let deriver = CellDeriver(trace: trace)
    func checked(_ shape: [Int]) throws(RenderingError) {
        guard index.count == max(shape.count, 1), zip(index, shape.isEmpty ? [1] : shape).allSatisfy({ 0 <= $0 && $0 < $1 }) else {
            throw .cellOutOfRange(id: id, index: index, shape: shape)
        }
    }
    if let tensor = deriver.tensor(id) {
        try checked(tensor.values.shape)
        let row = index.count >= 2 ? index[index.count - 2] : 0
        return deriver.derivation(of: tensor, row: row, column: index.last ?? 0).lines
    }
    let name = id.hasPrefix("result.") ? String(id.dropFirst("result.".count)) : ""
    let summarized = trace.steps.flatMap { $0.summarizedTensors ?? [] }.map(\.id)
        + (trace.summarizedResults ?? [:]).keys.map { "result.\($0)" }
    if summarized.contains(id) {
        throw .numbersNotKept(id: id, largestStoredTensor: trace.recording.largestStoredTensor ?? 0)
    }
    guard let values = trace.result[name] else {
        let available = trace.steps.flatMap { $0.tensors.map(\.id) } + trace.result.keys.sorted().map { "result.\($0)" }
        throw .unknownTensor(id: id, available: available)
    }
    try checked(values.shape)
    let display = TensorDisplay(result: name, values: values, in: trace)
    let slices = display.slices
    let number = values.shape.count > 2
        ? zip(index.dropLast(2), values.shape.dropLast(2)).reduce(0) { $0 * $1.1 + $1.0 } : 0
    let row = index.count >= 2 ? index[index.count - 2] : 0
    let source = deriver.recordedSources(ofResult: values)[number]
    return deriver.resultDerivation(of: display, slice: slices[number], row: row, column: index.last ?? 0, source: source).lines
}
