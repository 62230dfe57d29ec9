/// Which numbers a trace keeps.
///
/// The engine computes every intermediate either way; the policy decides only
/// what the trace holds afterwards. With ``full`` it holds every number. With a
/// ``largestStoredTensor`` (the default, ``bounded``), a step tensor or a result
/// with more numbers than that is recorded as a ``TensorSummary`` instead, so that
/// eight heads over 2,048 tokens need a few hundred megabytes, not gigabytes; its
/// numbers stay available on demand (`attention-trace explain --cell`) and in full
/// with `--full`. The trace's canonical ``Trace/inputs`` are always kept in full.
public struct RecordingPolicy: Codable, Hashable, Sendable {
    /// The most numbers a step tensor or a result may have and still be kept in full;
    /// `nil` keeps every number.
    public var largestStoredTensor: Int?

    /// Creates a policy that keeps tensors of at most `largestStoredTensor` numbers in full.
    public init(largestStoredTensor: Int?) {
        self.largestStoredTensor = largestStoredTensor
    }

    /// Every number of every tensor.
    public static let full = RecordingPolicy(largestStoredTensor: nil)

    /// The default: tensors of up to 1,048,576 numbers (8 MiB, a 1,024 × 1,024 matrix) in full,
    /// larger ones as summaries.
    public static let bounded = RecordingPolicy(largestStoredTensor: 1 << 20)

    /// Whether a tensor of `count` numbers is kept in full.
    public func keepsNumbers(ofCount count: Int) -> Bool {
        largestStoredTensor.map { count <= $0 } ?? true
    }
}
