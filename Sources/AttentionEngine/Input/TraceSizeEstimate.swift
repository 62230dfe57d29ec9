import AttentionTrace

/// An estimate, made before anything is computed, of how much memory a trace needs.
///
/// Attention's intermediates grow with the product of the two sequence lengths:
/// self-attention over n tokens computes several n x n matrices per head. Each
/// mechanism counts the numbers in memory at once (``Mechanism/sizeEstimate(of:policy:)``)
/// — every intermediate when the recording policy keeps them, one head's n x n
/// matrices when it summarises them — and the estimate charges 8 bytes for each,
/// twice over (the numbers, and the working copies and output made from them), so
/// that an input of 100,000 tokens is refused up front instead of being killed by
/// the operating system.
public struct TraceSizeEstimate: Sendable, Equatable {
    /// The numbers in memory at once, approximately (at most `Int.max`).
    public let recordedNumbers: Int
    /// What drives the size, for the error message (such as "n = 100000 source positions, 8 heads").
    public let dimensions: String

    /// The estimated peak memory, in bytes (at most `Int.max`).
    public var bytes: Int { recordedNumbers > Int.max / 16 ? .max : recordedNumbers * 16 }

    /// An estimate of `numbers` numbers for `n` source and `m` target positions of width `d`,
    /// with `heads` named when the mechanism has them.
    ///
    /// `numbers` is counted in floating point and saturates at `Int.max`, so absurd sizes give a
    /// huge estimate rather than an overflow.
    init(numbers: Double, sourceLength n: Int, targetLength m: Int, width d: Int, heads: Int? = nil) {
        recordedNumbers = numbers >= Double(Int.max) ? .max : Int(numbers)
        dimensions = "n = \(n) source and m = \(m) target positions, width \(d)" + (heads.map { ", \($0) heads" } ?? "")
    }
}
