/// A tensor recorded by a trace step: its values, what its axes mean, and where it came from.
public struct TracedTensor: Codable, Hashable, Sendable {
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
    /// The values.
    public var values: Tensor
    /// How the values were obtained.
    public var provenance: Provenance

    /// Creates a traced tensor; its shape is that of `values`.
    ///
    /// - Precondition: `axes` has one entry per dimension of `values`, and labelled
    ///   axes have one label per index.
    public init(id: TensorID, symbol: String, description: String, axes: [Axis],
                values: Tensor, provenance: Provenance) {
        precondition(axes.count == values.shape.count, "\(id): \(axes.count) axes for shape \(values.shape)")
        precondition(zip(axes, values.shape).allSatisfy { $0.labels == nil || $0.labels?.count == $1 },
                     "\(id): axis labels do not match shape \(values.shape)")
        self.id = id
        self.symbol = symbol
        self.description = description
        self.shape = values.shape
        self.axes = axes
        self.values = values
        self.provenance = provenance
    }

    /// The axis that indexes rows (the first one; for a vector, its only axis).
    public var rowAxis: Axis { axes.count >= 2 ? axes[axes.count - 2] : Axis(name: "") }
    /// The axis that indexes columns (the last one).
    public var columnAxis: Axis { axes[axes.count - 1] }
}
