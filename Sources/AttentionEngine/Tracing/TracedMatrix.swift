import AttentionMath
import AttentionTrace

/// A matrix that the ``TraceRecorder`` has recorded: its value, its identifier in the
/// trace, and what its rows and columns index.
///
/// Mechanisms compute with traced matrices so that every result they produce is
/// already in the trace, together with the operation that made it.
public struct TracedMatrix: Sendable {
    /// The identifier of the recorded tensor.
    public let id: TensorID
    /// The values.
    public let value: Matrix
    /// What the rows index.
    public let rows: Axis
    /// What the columns index.
    public let columns: Axis
}
