import AttentionTrace

/// A tensor whose numbers the trace did not keep, ready to be shown from its
/// ``TensorSummary``: as a picture on a page, as its corner numbers in Markdown.
struct SummaryDisplay: DisplayedTensor {
    let id: TensorID
    let symbol: Formula
    let description: String
    let axes: [Axis]
    let origin: ProvenanceSummary
    /// What the trace kept of the values.
    let summary: TensorSummary

    var shape: [Int] { summary.shape }

    /// Validates a summarised step tensor.
    ///
    /// - Throws: ``RenderingError/inconsistentTensor(id:reason:)`` when the recorded
    ///   shape, the axes or their labels do not match the summary, or the summary
    ///   has the wrong number of slices.
    init(_ tensor: TracedTensor, summary: TensorSummary) throws(RenderingError) {
        try TensorDisplay.validate(tensor.id, shape: summary.shape, recordedShape: tensor.shape, axes: tensor.axes)
        try Self.validate(summary, id: tensor.id)
        id = tensor.id
        symbol = Formula(tensor.symbol)
        description = tensor.description
        axes = tensor.axes
        origin = ProvenanceSummary(tensor.provenance)
        self.summary = summary
    }

    /// Describes the summarised result `name`, as ``TensorDisplay/resultIdentity(name:result:in:)`` does.
    ///
    /// - Throws: ``RenderingError/inconsistentTensor(id:reason:)`` when the summary has
    ///   the wrong number of slices.
    init(result name: String, _ result: TraceResult, summary: TensorSummary, in trace: Trace) throws(RenderingError) {
        id = "result.\(name)"
        try Self.validate(summary, id: id)
        self.summary = summary
        (symbol, description, axes, origin) = TensorDisplay.resultIdentity(name: name, result: result, in: trace)
    }

    private static func validate(_ summary: TensorSummary, id: TensorID) throws(RenderingError) {
        let expected = summary.shape.count > 2 ? summary.shape.dropLast(2).reduce(1, *) : 1
        guard summary.slices.count == expected else {
            throw .inconsistentTensor(id: id, reason: "summary of shape \(summary.shape) has \(summary.slices.count) slices, not \(expected)")
        }
        let rows = summary.shape.count >= 2 ? summary.shape[summary.shape.count - 2] : 1, columns = summary.shape.last ?? 1
        for slice in summary.slices {
            guard slice.edges.shape == [slice.edgeRows.count, slice.edgeColumns.count],
                  slice.edgeRows.allSatisfy({ (0..<rows).contains($0) }),
                  slice.edgeColumns.allSatisfy({ (0..<columns).contains($0) }),
                  slice.blockMeans.shape.count == 2, slice.blockRows >= 1, slice.blockColumns >= 1 else {
                throw .inconsistentTensor(id: id, reason: "a slice of its summary does not fit shape \(summary.shape)")
            }
        }
    }
}

/// A tensor as a page shows it: with its numbers, or from its summary.
enum ShownTensor {
    case numbers(TensorDisplay)
    case summary(SummaryDisplay)

    /// The identity, axes and origin common to both.
    var display: any DisplayedTensor {
        switch self {
        case .numbers(let tensor): tensor
        case .summary(let tensor): tensor
        }
    }
}
