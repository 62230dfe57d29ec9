/// A tensor a step computed whose numbers the trace's ``RecordingPolicy`` did not keep:
/// everything a ``TracedTensor`` says about it, with a ``TensorSummary`` in place of its values.
///
/// Summarised tensors are listed apart from ``Step/tensors``, so that whatever
/// reads numbers (derivations, tables, lesson checks) only ever sees tensors that
/// have them; ``position`` gives each its place among the step's tensors.
public struct SummarizedTensor: Codable, Hashable, Sendable {
    /// The tensor's identifier, unique within the trace.
    public var id: TensorID
    /// Its mathematical symbol, in ``Formula`` notation.
    public var symbol: String
    /// One line saying what it is.
    public var description: String
    /// The size of each dimension.
    public var shape: [Int]
    /// What each dimension indexes, with labels where they exist.
    public var axes: [Axis]
    /// What the trace kept of the values.
    public var summary: TensorSummary
    /// How the values were obtained.
    public var provenance: Provenance
    /// Its place among all the step's tensors, kept or summarised, in order of computation.
    public var position: Int

    /// Creates a summarised tensor; its shape is the summary's.
    ///
    /// - Precondition: `axes` has one entry per dimension, and labelled axes have one label per index.
    public init(id: TensorID, symbol: String, description: String, axes: [Axis], summary: TensorSummary,
                provenance: Provenance, position: Int) {
        precondition(axes.count == summary.shape.count, "\(id): \(axes.count) axes for shape \(summary.shape)")
        precondition(zip(axes, summary.shape).allSatisfy { $0.labels == nil || $0.labels?.count == $1 },
                     "\(id): axis labels do not match shape \(summary.shape)")
        self.id = id
        self.symbol = symbol
        self.description = description
        self.shape = summary.shape
        self.axes = axes
        self.summary = summary
        self.provenance = provenance
        self.position = position
    }
}
