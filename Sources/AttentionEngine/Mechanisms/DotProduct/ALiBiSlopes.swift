import Foundation

/// The head slopes of ALiBi (Press, Smith and Lewis 2022, "Train Short, Test Long").
///
/// For `H` heads, a power of two, head `h` (0-based) has the slope `m_h = 2^(−8(h+1)/H)`: a
/// geometric sequence that starts at and has the ratio `2^(−8/H)` (for eight heads 1/2, 1/4, …,
/// 1/256). For any other `H` the paper takes the `2^⌊log₂ H⌋` slopes of the power of two below it,
/// followed by every other slope of twice that power (its 1st, 3rd, 5th, …) until there are `H`.
/// This is the paper's `get_slopes`; its powers are computed here in closed form, which agrees
/// with its repeated products to within an ulp.
enum ALiBiSlopes {
    /// The slopes of `heads` heads, head 0 first.
    ///
    /// - Precondition: `heads ≥ 1`.
    static func slopes(heads: Int) -> [Double] {
        precondition(heads >= 1, "ALiBi needs at least one head")
        func powerOfTwoSlopes(_ count: Int) -> [Double] {
            (0..<count).map { pow(2, -8 * Double($0 + 1) / Double(count)) }
        }
        let below = powerOfTwo(atMost: heads)
        guard below != heads else { return powerOfTwoSlopes(heads) }
        let interleaved = powerOfTwoSlopes(2 * below).enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        return powerOfTwoSlopes(below) + interleaved.prefix(heads - below)
    }

    /// How head `head`'s slope of `heads` is written: `2^(−8·1/4)`, or for other head counts the
    /// power of two it comes from.
    static func formula(head: Int, heads: Int) -> String {
        let below = powerOfTwo(atMost: heads)
        let (exponent, count) = head < below ? (head + 1, below) : (2 * (head - below) + 1, 2 * below)
        return "2^(−8·\(exponent)/\(count))"
    }

    /// The largest power of two not above `count` (≥ 1): 2^⌊log₂ count⌋.
    private static func powerOfTwo(atMost count: Int) -> Int {
        var power = 1
        while power * 2 <= count { power *= 2 }
        return power
    }
}
