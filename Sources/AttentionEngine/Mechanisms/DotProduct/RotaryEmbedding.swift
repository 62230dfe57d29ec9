import AttentionMath
import AttentionTrace
import Foundation

/// Rotary position embeddings (RoPE; Su et al. 2021, "RoFormer"): each head's queries and keys are
/// rotated, pair of entries by pair, by angles proportional to their position, so that the score
/// of query position i and key position j depends on their positions only through i − j.
///
/// With r rotary dimensions (all of d_k unless `dimensions` says fewer, as GPT-NeoX's
/// `rotary_pct`), pair k = 0 … r/2 − 1 turns by `angle[p, k] = p · θ_k` with `θ_k = base^(−2k/r)`.
/// A pair (x, y) becomes `(x cos − y sin, y cos + x sin)`. Which entries pair up is the
/// ``RotaryPairing``; the entries beyond r are left as they are.
struct RotaryEmbedding: Sendable, Equatable {
    /// The base of the paper, Llama and GPT-NeoX.
    static let defaultBase = 10_000.0

    /// Which entries rotate together.
    let pairing: RotaryPairing
    /// The base of the angles (10000 in the paper and in Llama).
    let base: Double
    /// The rotary dimensions r of each head, or `nil` for all of them.
    let dimensions: Int?

    /// Refuses `rope_base` and `rope_dims` when `rope` is unset: they have nothing to tune.
    ///
    /// - Throws: ``TraceError/invalidOption(_:value:reason:)``.
    static func validate(_ options: MechanismOptions) throws(TraceError) {
        for option in [MechanismOption.ropeBase, .ropeDims] where options.rope == nil {
            if let value = option.value(in: options) {
                throw .invalidOption(option, value: value, reason: "\(option.rawValue) needs rope (half or interleaved) to apply to")
            }
        }
    }

    /// The rotary dimensions of a head of width `dk`.
    ///
    /// - Throws: ``TraceError/invalidOption(_:value:reason:)`` when they are more than `dk` or odd.
    func rotaryDimensions(headWidth dk: Int) throws(TraceError) -> Int {
        guard let dimensions else {
            guard dk % 2 == 0 else {
                throw .invalidOption(.rope, value: pairing.rawValue,
                                     reason: "rope rotates pairs of dimensions, and d_k = \(dk) is odd; set rope_dims to an even number below it")
            }
            return dk
        }
        guard dimensions <= dk else {
            throw .invalidOption(.ropeDims, value: String(dimensions), reason: "rope_dims must be at most d_k = \(dk), got \(dimensions)")
        }
        return dimensions
    }

    /// The angles' cosines and sines, recorded with how they were made: positions, θ and their product.
    struct Tables {
        let cos: TracedMatrix
        let sin: TracedMatrix
    }

    /// Records the position angles of the `n` positions from `first` on, for `r` rotary dimensions.
    func tables(positions n: Int, from first: Int = 0, rotary r: Int, rows: Axis, recorder: TraceRecorder) -> Tables {
        let pairs = Axis(name: "pair")
        let positions = recorder.record(Matrix(rows: n, columns: 1) { p, _ in Double(first + p) }, key: "position", symbol: "p",
                                        "each position", rows: rows, columns: Axis(name: "position"),
                                        provenance: Provenance(.constant, note: "the position p"))
        let theta = recorder.record(Matrix.rotaryFrequencies(base: base, rotaryDimensions: r),
                                    key: "theta", symbol: "θ", "each pair's angle per position, base^(−2k/r)",
                                    rows: Axis(name: "position"), columns: pairs,
                                    provenance: Provenance(.constant, note: "θ_k = \(Self.number(base))^(−2k/\(r))"))
        let angles = recorder.multiply(positions, theta, key: "angle", symbol: "pθ", "the angle of each position and pair, p · θ_k")
        return Tables(cos: recorder.apply(.cos, angles, key: "cos", symbol: "cos", "the cosine of each angle"),
                      sin: recorder.apply(.sin, angles, key: "sin", symbol: "sin", "the sine of each angle"))
    }

    /// Records `x` (positions × d_k) with its first `r` columns rotated by the angles of `tables`.
    func rotate(_ x: TracedMatrix, by tables: Tables, rotary r: Int, key: String, symbol: String, _ description: String,
                recorder: TraceRecorder) -> TracedMatrix {
        let operation: AttentionTrace.Operation = pairing == .half ? .rotateHalf : .rotatePairs
        let rotated = x.value.rotatingPairs(pairing == .half ? .halves : .adjacent, cos: tables.cos.value, sin: tables.sin.value,
                                            rotaryDimensions: r)
        return recorder.record(rotated, key: key, symbol: symbol, description, rows: x.rows, columns: x.columns,
                               provenance: Provenance(operation, [x.id, tables.cos.id, tables.sin.id], range: [0, r]))
    }

    /// The step's explanation and formulas for heads of width `dk` with `r` rotary dimensions.
    func explanation(headWidth dk: Int, rotary r: Int) -> (text: String, formulas: [Formula]) {
        let pairs = pairing == .half ? "entry j with entry j + r/2 (rotate-half, as GPT-NeoX and Hugging Face Llama)"
            : "entries 2k and 2k + 1 (interleaved, as GPT-J and RoFormer)"
        let partial = r < dk ? " Only the first r = \(r) of the d_k = \(dk) dimensions rotate; the others pass through." : ""
        return ("Rotary position embeddings turn each pair of query and key entries by an angle proportional to the position, p · θ_k with θ_k = \(Self.number(base))^(−2k/r) for pair k: fast turns for the first pairs, slow ones for the last. This trace pairs \(pairs).\(partial) Because a rotation by p₁ and one by p₂ meet in a dot product as a rotation by p₁ − p₂, the score of query i and key j depends on their positions only through i − j.",
                ["θ_k = base^{−2k/r}", "x′ = x cos(p θ_k) − y sin(p θ_k)", "y′ = y cos(p θ_k) + x sin(p θ_k)"])
    }

    /// `10000` rather than `10000.0` for whole numbers.
    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
