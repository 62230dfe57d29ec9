import AttentionTrace

/// An estimate, made before anything is computed, of how much memory a trace needs.
///
/// Attention's intermediates grow with the product of the two sequence lengths:
/// self-attention over n tokens computes several n x n matrices per head. The
/// estimate counts the numbers in memory at once — every intermediate when the
/// recording policy keeps them, one head's n x n matrices when it summarises
/// them — and charges 8 bytes for each, twice over (the numbers, and the working
/// copies and output made from them), so that an input of 100,000 tokens is
/// refused up front instead of being killed by the operating system.
public struct TraceSizeEstimate: Sendable, Equatable {
    /// The numbers in memory at once, approximately (at most `Int.max`).
    public let recordedNumbers: Int
    /// What drives the size, for the error message (such as "n = 100000 source positions, 8 heads").
    public let dimensions: String

    /// The estimated peak memory, in bytes (at most `Int.max`).
    public var bytes: Int { recordedNumbers > Int.max / 16 ? .max : recordedNumbers * 16 }

    /// Estimates the trace of `variant` over `n` source and `m` target positions of width `d`.
    ///
    /// The arithmetic is in floating point and saturates, so absurd sizes give a huge
    /// estimate rather than an overflow.
    init(variant: Variant, sourceLength n: Int, targetLength m: Int, width d: Int, heads: Int, policy: RecordingPolicy) {
        // Under a bounded policy, n x m matrices above its size are summarised as soon as
        // they are recorded, so only the head being computed holds them.
        let summarisesPairs = !policy.keepsNumbers(ofCount: n.multipliedReportingOverflow(by: m).overflow ? .max : n * m)
        let (n, m, d, h) = (Double(n), Double(m), Double(d), Double(summarisesPairs ? 1 : heads))
        let pairs = n * m
        let counted: Double
        switch variant.sides {
        case .decoderOverSource:
            // Per target word: [s; h_i], W_a c_i and tanh (width ≤ 2d + 2·8 each), the scores and the softmax's intermediates.
            counted = pairs * (2 * d + 2 * 8 + 8) + 40 * (n + m) * d
        case .sourceOnly, .sourceAndTarget:
            // Per head: Q Kᵀ, the scaled scores, the mask and masked scores, the shifted scores,
            // their exponentials and the weights.
            counted = variant == .coAttention
                ? pairs * 4 + 12 * (n + m) * d
                : h * pairs * 7 + 8 * (n + m) * d + 4 * d * d
        }
        recordedNumbers = counted >= Double(Int.max) ? .max : Int(counted)
        dimensions = "n = \(Int(n)) source and m = \(Int(m)) target positions, width \(Int(d))"
            + (variant == .multiHead || variant == .cross ? ", \(heads) heads" : "")
    }
}
