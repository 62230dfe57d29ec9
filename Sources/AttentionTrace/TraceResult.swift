/// What a trace keeps of a tensor's values: every number, or a summary when the
/// ``RecordingPolicy`` does not keep that many.
public enum RecordedValues: Hashable, Sendable {
    /// Every number.
    case full(Tensor)
    /// The shape, extremes, block means and corner numbers of a tensor too large to keep.
    case summary(TensorSummary)

    /// The size of each dimension.
    public var shape: [Int] {
        switch self {
        case .full(let values): values.shape
        case .summary(let summary): summary.shape
        }
    }
}

/// One output of the mechanism (`weights`, `context`, `output`, …): its values, what its axes
/// index, and which recorded step tensors hold the same numbers.
///
/// A result always repeats tensors a step recorded: the last step's weights, or for stacked
/// heads one tensor per head. ``sources`` names them, so that a result's cell is explained by
/// the recorded cell it repeats, without searching the trace for equal numbers.
public struct TraceResult: Hashable, Sendable {
    /// The step tensors the result repeats: one, or one per matrix of a stack (head by head),
    /// in order; empty when it repeats none.
    public var sources: [TensorID]
    /// What each dimension indexes, with labels where they exist.
    public var axes: [Axis]
    /// The numbers, or their summary.
    public var recorded: RecordedValues

    /// Creates a result.
    ///
    /// - Precondition: `axes` has one entry per dimension, and labelled axes have one label per index.
    public init(sources: [TensorID], axes: [Axis], recorded: RecordedValues) {
        let shape = recorded.shape
        precondition(axes.count == shape.count, "result: \(axes.count) axes for shape \(shape)")
        precondition(zip(axes, shape).allSatisfy { $0.labels == nil || $0.labels?.count == $1 },
                     "result: axis labels do not match shape \(shape)")
        self.sources = sources
        self.axes = axes
        self.recorded = recorded
    }

    /// The size of each dimension.
    public var shape: [Int] { recorded.shape }
    /// Every number, or `nil` when the trace keeps only a summary.
    public var values: Tensor? {
        if case .full(let values) = recorded { values } else { nil }
    }
    /// The summary, or `nil` when the trace keeps every number.
    public var summary: TensorSummary? {
        if case .summary(let summary) = recorded { summary } else { nil }
    }
    /// The numbers in row-major order, or `nil` when the trace keeps only a summary.
    public var scalars: [Double]? { values?.scalars }
}

extension TraceResult: Codable {
    private enum CodingKeys: String, CodingKey {
        case sources, axes, values, summary
    }

    /// Decodes `{"sources": […], "axes": […], "values": <tensor>}`, or `"summary"` in place of `"values"`.
    ///
    /// - Throws: `DecodingError` when both or neither of `values` and `summary` are present,
    ///   or the axes do not fit the shape.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let recorded = try RecordedValues(from: container, values: .values, summary: .summary, at: decoder.codingPath)
        let axes = try container.decode([Axis].self, forKey: .axes)
        guard axes.count == recorded.shape.count,
              zip(axes, recorded.shape).allSatisfy({ $0.labels == nil || $0.labels?.count == $1 }) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [CodingKeys.axes],
                                                    debugDescription: "the axes do not fit the shape \(recorded.shape)"))
        }
        self.init(sources: try container.decode([TensorID].self, forKey: .sources), axes: axes, recorded: recorded)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(sources, forKey: .sources)
        try container.encode(axes, forKey: .axes)
        try recorded.encode(to: &container, values: .values, summary: .summary)
    }
}
