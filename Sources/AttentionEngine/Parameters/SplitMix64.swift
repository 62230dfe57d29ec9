/// SplitMix64 (Steele, Lea and Flood 2014): a tiny, fast, well-mixed 64-bit generator.
///
/// Each call adds the golden-ratio increment `0x9E3779B97F4A7C15` to the state
/// and returns the state passed through two xor-shift-multiply rounds. It uses
/// only integer arithmetic, so the same seed gives the same sequence on every
/// machine, which is what makes `--seed` reproducible byte for byte.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates a generator whose first output depends only on `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// Creates a generator for one named stream of a seed, such as the parameter
    /// `W_a` or the embedding of the token `zoo`.
    ///
    /// The stream's seed is `seed` xor the 64-bit FNV-1a hash of the name's UTF-8
    /// bytes, so each stream is independent of every other stream and of the
    /// order in which streams are drawn.
    public init(seed: UInt64, stream name: String) {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in name.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        self.init(seed: seed ^ hash)
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform value in `[-bound, bound)`, from the top 53 bits of the next output.
    public mutating func nextUniform(bound: Double) -> Double {
        let unit = Double(next() >> 11) * 0x1p-53
        return (2 * unit - 1) * bound
    }
}
