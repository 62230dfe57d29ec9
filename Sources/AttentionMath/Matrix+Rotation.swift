import Foundation

extension Matrix {
    /// Rotary position embedding's angle per position for each pair, `θ_k = base^(−2k/r)` for
    /// k = 0 … r/2 − 1, as one row (Su et al. 2021; Llama's `inv_freq`).
    ///
    /// - Precondition: `r` is even and positive.
    public static func rotaryFrequencies(base: Double, rotaryDimensions r: Int) -> Matrix {
        precondition(r > 0 && r % 2 == 0, "rotary dimensions \(r)")
        return Matrix(rows: 1, columns: r / 2) { _, k in pow(base, -2 * Double(k) / Double(r)) }
    }

    /// Which entries of a row turn together in ``rotatingPairs(_:cos:sin:rotaryDimensions:)``.
    public enum RotationPairs: Sendable {
        /// Entry j with entry j + r/2 (rotate-half: GPT-NeoX, Hugging Face Llama).
        case halves
        /// Entry 2k with entry 2k + 1 (GPT-J, RoFormer).
        case adjacent
    }

    /// Each row p with pair k of its first `r` entries turned by the angle whose cosine and sine are
    /// `cos[p, k]` and `sin[p, k]`: a pair (x, y) becomes `(x cos − y sin, y cos + x sin)`; entries from
    /// `r` on are kept. This is rotary position embedding's rotation of one head's queries or keys.
    ///
    /// - Parameters:
    ///   - pairs: Which entries form pair k.
    ///   - cos: The cosines, one row per row of `self`, r/2 columns.
    ///   - sin: The sines, the same shape.
    ///   - r: The rotary dimensions, even and at most ``columns``.
    /// - Precondition: the shapes agree.
    public func rotatingPairs(_ pairs: RotationPairs, cos: Matrix, sin: Matrix, rotaryDimensions r: Int) -> Matrix {
        precondition(r % 2 == 0 && r <= columns && cos.shape == [rows, r / 2] && sin.shape == cos.shape,
                     "rotating \(rows) × \(columns) by \(cos.rows) × \(cos.columns) angles over \(r) dimensions")
        let h = r / 2
        switch pairs {
        case .halves:
            return Matrix(rows: rows, columns: columns) { i, j in
                if j < h { return self[i, j] * cos[i, j] - self[i, j + h] * sin[i, j] }
                if j < r { return self[i, j] * cos[i, j - h] + self[i, j - h] * sin[i, j - h] }
                return self[i, j]
            }
        case .adjacent:
            return Matrix(rows: rows, columns: columns) { i, j in
                guard j < r else { return self[i, j] }
                let k = j / 2
                return j % 2 == 0 ? self[i, j] * cos[i, k] - self[i, j + 1] * sin[i, k]
                    : self[i, j] * cos[i, k] + self[i, j - 1] * sin[i, k]
            }
        }
    }
}
