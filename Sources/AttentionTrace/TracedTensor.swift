/// A tensor recorded by a trace step: its values (or, above the ``RecordingPolicy``'s size,
/// their summary), what its axes mean, and where it came from.
public struct TracedTensor: Hashable, Sendable {
    /// The tensor's identifier, unique within the trace.
    public var id: TensorID
    /// Its mathematical symbol, in ``Formula`` notation (`e`, `α`, `h^→`).
    public var symbol: String
    /// One line saying what it is.
    public var description: String
    /// The size of each dimension.
    public var shape: [Int]
    /// What each dimension indexes, with labels where they exist.
    public var axes: [Axis]
    /// The numbers, or their summary when the trace's recording policy does not keep that many.
    public var recorded: RecordedValues
    /// How the values were obtained.
    public var provenance: Provenance

    /// Creates a traced tensor; its shape is that of what was recorded.
    ///
    /// - Precondition: `axes` has one entry per dimension, and labelled axes have one label per index.
    public init(id: TensorID, symbol: String, description: String, axes: [Axis],
                recorded: RecordedValues, provenance: Provenance) {
        let shape = recorded.shape
        precondition(axes.count == shape.count, "\(id): \(axes.count) axes for shape \(shape)")
        precondition(zip(axes, shape).allSatisfy { $0.labels == nil || $0.labels?.count == $1 },
                     "\(id): axis labels do not match shape \(shape)")
        self.id = id
        self.symbol = symbol
        self.description = description
        self.shape = shape
        self.axes = axes
        self.recorded = recorded
        self.provenance = provenance
    }

    /// Creates a traced tensor that keeps every number of `values`.
    public init(id: TensorID, symbol: String, description: String, axes: [Axis],
                values: Tensor, provenance: Provenance) {
        self.init(id: id, symbol: symbol, description: description, axes: axes, recorded: .full(values),
                  provenance: provenance)
    }

    /// Every number, or `nil` when the trace keeps only a summary.
    public var values: Tensor? {
        if case .full(let values) = recorded { values } else { nil }
    }

    /// The summary, or `nil` when the trace keeps every number.
    public var summary: TensorSummary? {
        if case .summary(let summary) = recorded { summary } else { nil }
    }

    /// The axis that indexes rows (the first one; for a vector, its only axis).
    public var rowAxis: Axis { axes.count >= 2 ? axes[axes.count - 2] : Axis(name: "") }
    /// The axis that indexes columns (the last one).
    public var columnAxis: Axis { axes[axes.count - 1] }
}

extension TracedTensor: Codable {
    private enum CodingKeys: String, CodingKey {
        case id, symbol, description, shape, axes, values, summary, provenance
    }

    /// Decodes a tensor with `values`, or with `summary` in their place.
    ///
    /// - Throws: `DecodingError` when both or neither are present, or the shape or axes do not fit them.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let recorded = try RecordedValues(from: container, values: .values, summary: .summary, at: decoder.codingPath)
        let axes = try container.decode([Axis].self, forKey: .axes)
        guard try container.decode([Int].self, forKey: .shape) == recorded.shape, axes.count == recorded.shape.count,
              zip(axes, recorded.shape).allSatisfy({ $0.labels == nil || $0.labels?.count == $1 }) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "the shape and axes do not fit the values \(recorded.shape)"))
        }
        self.init(id: try container.decode(TensorID.self, forKey: .id), symbol: try container.decode(String.self, forKey: .symbol),
                  description: try container.decode(String.self, forKey: .description), axes: axes, recorded: recorded,
                  provenance: try container.decode(Provenance.self, forKey: .provenance))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(symbol, forKey: .symbol)
        try container.encode(description, forKey: .description)
        try container.encode(shape, forKey: .shape)
        try container.encode(axes, forKey: .axes)
        try recorded.encode(to: &container, values: .values, summary: .summary)
        try container.encode(provenance, forKey: .provenance)
    }
}

extension RecordedValues {
    /// Reads `values` or `summary`, whichever of the two keys is present.
    ///
    /// - Throws: `DecodingError.dataCorrupted` when both or neither are.
    init<Key: CodingKey>(from container: KeyedDecodingContainer<Key>, values: Key, summary: Key, at path: [CodingKey]) throws {
        switch (try container.decodeIfPresent(Tensor.self, forKey: values),
                try container.decodeIfPresent(TensorSummary.self, forKey: summary)) {
        case (let full?, nil): self = .full(full)
        case (nil, let summarized?): self = .summary(summarized)
        default:
            throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription:
                "exactly one of '\(values.stringValue)' and '\(summary.stringValue)' is expected"))
        }
    }

    /// Writes the numbers under `values`, or the summary under `summary`.
    func encode<Key: CodingKey>(to container: inout KeyedEncodingContainer<Key>, values: Key, summary: Key) throws {
        switch self {
        case .full(let full): try container.encode(full, forKey: values)
        case .summary(let summarized): try container.encode(summarized, forKey: summary)
        }
    }
}
