import AttentionMath

/// The six weight matrices of a GRU in the engine's Cho form (row vectors, no biases):
///
///     z = σ(x W_z + h U_z)      r = σ(x W_r + h U_r)
///     h̃ = tanh(x W_h + (r ⊙ h) U_h)      h' = (1 − z) ⊙ h + z ⊙ h̃
///
/// `W_*` are `d_in × d`, `U_*` are `d × d`.
public struct GRUWeights: Equatable, Sendable {
    /// `W_z`, `W_r`, `W_h` (`d_in × d`): the input's contributions to the update gate, the reset gate and the candidate.
    public var wz, wr, wh: Matrix
    /// `U_z`, `U_r`, `U_h` (`d × d`): the previous state's contributions.
    public var uz, ur, uh: Matrix

    /// Every matrix with its name (`W_z` …) and its place in the struct.
    public static var fields: [(name: String, path: WritableKeyPath<GRUWeights, Matrix>)] {[
        ("W_z", \.wz), ("W_r", \.wr), ("W_h", \.wh), ("U_z", \.uz), ("U_r", \.ur), ("U_h", \.uh),
    ]}

    /// Zero matrices for a GRU reading `inputSize` numbers into a state of `hiddenSize`.
    public init(inputSize: Int, hiddenSize: Int) {
        let w = Matrix(rows: inputSize, columns: hiddenSize), u = Matrix(rows: hiddenSize, columns: hiddenSize)
        (wz, wr, wh, uz, ur, uh) = (w, w, w, u, u, u)
    }

    /// `[W_z W_r W_h]`: the input's three projections in one product.
    public var inputWeights: Matrix { Matrix.concatenatingColumns([wz, wr, wh]) }
    /// `[U_z U_r]`: the state's contribution to both gates in one product.
    public var gateWeights: Matrix { Matrix.concatenatingColumns([uz, ur]) }
}
