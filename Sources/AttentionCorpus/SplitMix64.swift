/// Steele, Lea and Flood's SplitMix64 generator: the corpus's only source of randomness.
///
/// Each call advances the state by the golden-ratio increment `0x9E3779B97F4A7C15` and returns
/// the state mixed by two xor-shift-multiply rounds and a final xor-shift, so a seed fixes
/// every number drawn after it on every machine. The corpus keeps its own copy so that it
/// depends on nothing but Foundation.
struct SplitMix64: Sendable {
    private var state: UInt64

    /// A generator whose numbers are determined by `seed` alone.
    init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniformly drawn index in `0..<count`: the high word of `next() × count`
    /// (Lemire's multiply-shift, whose bias of at most `count / 2⁶⁴` is negligible here).
    mutating func index(below count: Int) -> Int {
        precondition(count > 0, "drawing from an empty choice")
        return Int(next().multipliedFullWidth(by: UInt64(count)).high)
    }

    /// `true` with probability `probability`: a uniform number in [0, 1) with 53 random bits,
    /// compared with it.
    mutating func chance(_ probability: Double) -> Bool {
        Double(next() >> 11) * 0x1p-53 < probability
    }

    /// An element of `choices`, each equally likely.
    mutating func element<Element>(of choices: [Element]) -> Element {
        choices[index(below: choices.count)]
    }
}
