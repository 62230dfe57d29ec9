/// The name of a tensor within one trace, unique across all its steps.
///
/// Input tensors keep their canonical names (`W_a`, `query`); computed ones are
/// prefixed by their step (`t0.score.u`).
public typealias TensorID = String

/// How a tensor's values were obtained: the operation and the tensors it read.
///
/// Provenance is what lets a page explain any number: for a cell `(i, j)` of a
/// computed tensor, ``Operation`` defines exactly which cells of its
/// ``operands`` combine, and how, to give that value. Every tensor a mechanism
/// computes is recorded by the tracer together with the operation that made it,
/// so the two cannot disagree.
public struct Provenance: Codable, Hashable, Sendable {
    /// What produced the values.
    public var operation: Operation
    /// The tensors read, in the order the operation documents.
    public var operands: [TensorID]
    /// The constant of a ``Operation/scale`` operation.
    public var factor: Double?
    /// The half-open index range `[start, end)` of a ``Operation/sliceRows`` or ``Operation/sliceColumns`` operation.
    public var range: [Int]?
    /// A human-readable detail: how a parameter was generated, what a scale factor is.
    public var note: String?

    /// The note of a tensor an input spec gives, and what a ``Operation/given`` tensor without a
    /// note of its own means. A checkpoint's tensors are given too, with a note naming where they came from.
    public static let givenInSpec = "given in the input spec"

    /// Whether this is a tensor the input spec gave: ``Operation/given``, with no note but ``givenInSpec``.
    public var isGivenInSpec: Bool { operation == .given && (note ?? Self.givenInSpec) == Self.givenInSpec }

    /// Creates a provenance record.
    public init(_ operation: Operation, _ operands: [TensorID] = [], factor: Double? = nil,
                range: [Int]? = nil, note: String? = nil) {
        self.operation = operation
        self.operands = operands
        self.factor = factor
        self.range = range
        self.note = note
    }
}

/// The operations a trace records. Each documents the value of output cell `(i, j)`.
///
/// Operands with one row (or one column) are broadcast along the rows (or
/// columns) of the output in the element-wise operations and in ``concatColumns``.
public enum Operation: String, Codable, Hashable, Sendable, CaseIterable {
    /// Given in the input spec, or read from a trained model's checkpoint (``Provenance/note`` says which). No operands.
    case given
    /// Drawn from the seeded generator; ``Provenance/note`` says which distribution. No operands.
    case generated
    /// A fixed value that ``Provenance/note`` states, such as the zero initial state of an RNN. No operands.
    case constant
    /// A token's embedding, drawn from the seed and the token text. No operands.
    case embedding
    /// `out[i,j] = Σ_k A[i,k] · B[k,j]`; operands `[A, B]`.
    case matmul
    /// `out[i,j] = Σ_k A[i,k] · B[j,k]` (that is, `A Bᵀ`); operands `[A, B]`.
    case matmulTransposed
    /// `out[i,j] = Σ_n X_n[i,j]`; operands `[X_1, X_2, …]`.
    case add
    /// `out[i,j] = A[i,j] − B[i,j]`; operands `[A, B]`.
    case subtract
    /// `out[i,j] = A[i,j] · B[i,j]`; operands `[A, B]`.
    case multiply
    /// `out[i,j] = factor · A[i,j]`; operands `[A]`.
    case scale
    /// `out[i,j] = tanh(A[i,j])`; operands `[A]`.
    case tanh
    /// `out[i,j] = 1 / (1 + exp(−A[i,j]))`; operands `[A]`.
    case sigmoid
    /// `out[i,j] = exp(A[i,j])`; operands `[A]`.
    case exp
    /// `out[i,j] = cos(A[i,j])`; operands `[A]`.
    case cos
    /// `out[i,j] = sin(A[i,j])`; operands `[A]`.
    case sin
    /// `out[i,j] = ln(A[i,j])`; operands `[A]`.
    case log
    /// `out[i,j] = √A[i,j]`; operands `[A]`.
    case sqrt
    /// `out[i,j] = ½ A[i,j] (1 + erf(A[i,j] / √2))`, the GELU; operands `[A]`.
    case gelu
    /// `out[i,j] = ½ a (1 + tanh(√(2/π) (a + 0.044715 a³)))` with a = `A[i,j]`, GELU's tanh approximation; operands `[A]`.
    case geluTanh = "gelu_tanh"
    /// `out[i,j] = A[i,j] · σ(A[i,j])`, the SiLU; operands `[A]`.
    case silu
    /// Rotary position embedding with the rotate-half pairing (GPT-NeoX, Hugging Face Llama): with
    /// r = ``Provenance/range``[1] rotary columns and h = r/2, column j < h is paired with j + h:
    /// `out[i,j] = X[i,j] C[i,j] − X[i,j+h] S[i,j]` and `out[i,j+h] = X[i,j+h] C[i,j] + X[i,j] S[i,j]`;
    /// columns j ≥ r are `X[i,j]`. Operands `[X, C, S]`, the cosines and sines of the angles (n × h).
    case rotateHalf
    /// Rotary position embedding with interleaved pairs (GPT-J, RoFormer): column 2k is paired with
    /// 2k + 1 for 2k + 1 < r = ``Provenance/range``[1]:
    /// `out[i,2k] = X[i,2k] C[i,k] − X[i,2k+1] S[i,k]` and `out[i,2k+1] = X[i,2k+1] C[i,k] + X[i,2k] S[i,k]`;
    /// columns j ≥ r are `X[i,j]`. Operands `[X, C, S]`.
    case rotatePairs
    /// `out[i,0] = max_k A[i,k]`; operands `[A]`.
    case rowMax
    /// `out[i,0] = Σ_k A[i,k]`; operands `[A]`.
    case rowSum
    /// `out[i,j] = E[i,j] / Z[i,0]`, or 0 when `Z[i,0] = 0` (a fully masked row); operands `[E, Z]`.
    case normalize
    /// Row `i` is row `i` of every operand, side by side; operands `[A, B, …]`.
    case concatColumns
    /// The rows of every operand, one after another; operands `[A, B, …]`.
    case stackRows
    /// `out[i,j] = A[i, start + j]` for ``Provenance/range`` `[start, end)`; operands `[A]`.
    case sliceColumns
    /// `out[i,j] = A[start + i, j]` for ``Provenance/range`` `[start, end)`; operands `[A]`.
    case sliceRows
    /// `out[0,:] = initial`, `out[i,:] = H[i−1,:]`: the previous state of a forward RNN; operands `[H, initial]`.
    case previousRow
    /// `out[n−1,:] = initial`, `out[i,:] = H[i+1,:]`: the previous state of a backward RNN; operands `[H, initial]`.
    case nextRow
    /// `out[i,j] = (1 − Z[i,j]) · A[i,j] + Z[i,j] · B[i,j]`: the GRU update; operands `[Z, A, B]`.
    case interpolate
    /// `out[i,j] = A[i,j]` where `M[i,j] = 1`, else −∞ (masked); operands `[A, M]`.
    case mask
    /// `out[i,j] = 1` if `|j − P[i,0]| ≤ factor`, else 0: a local attention window of half-width
    /// D = ``Provenance/factor`` around the centre `P[i,0]`; operands `[P]`.
    case window
    /// `out[i,j] = exp(−(j − P[i,0])² / (2 σ²))` with σ = ``Provenance/factor``: the Gaussian
    /// fall-off of local-p attention around the centre `P[i,0]`; operands `[P]`.
    case gaussian
    /// `out[i,j] = 1` if `j ≤ i`, else 0: the causal mask (position i may attend to itself and
    /// earlier positions). No operands. With ``Provenance/range`` `[o]`, column j is key position
    /// `o + j` (a block of keys from `o` on): `out[i,j] = 1` if `o + j ≤ i`.
    case causalMask
}
