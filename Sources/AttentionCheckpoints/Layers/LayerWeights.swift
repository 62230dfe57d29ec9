import AttentionMath

/// A dense layer `y = x Wᵀ + b` in PyTorch's `nn.Linear` layout: `weight` is out × in, `bias` 1 × out.
public struct LinearWeights: Equatable, Sendable {
    /// W, one row per output feature (PyTorch's `weight`, shape out × in).
    public var weight: Matrix
    /// b, as one row (PyTorch's `bias`, shape out).
    public var bias: Matrix

    /// `x Wᵀ + b` for each row x of `input`.
    public func callAsFunction(_ input: Matrix) -> Matrix {
        input.multiplied(byTransposeOf: weight).combined(with: bias, .add)
    }
}

/// A dense layer `y = x W + b` in the layout of `transformers`' `Conv1D` (GPT-2): `weight` is in × out.
///
/// GPT-2 stores its projections transposed with respect to `nn.Linear`, so no transpose is needed
/// to multiply a row vector by them.
public struct Conv1DWeights: Equatable, Sendable {
    /// W, one row per input feature (the checkpoint's `weight`, shape in × out).
    public var weight: Matrix
    /// b, as one row (the checkpoint's `bias`, shape out).
    public var bias: Matrix

    /// `x W + b` for each row x of `input`.
    public func callAsFunction(_ input: Matrix) -> Matrix {
        input.multiplied(by: weight).combined(with: bias, .add)
    }
}

/// LayerNorm's learnt scale γ (`weight`) and shift β (`bias`), each one row of width d.
public struct LayerNormWeights: Equatable, Sendable {
    /// γ, one row.
    public var scale: Matrix
    /// β, one row.
    public var shift: Matrix

    /// `γ (x − μ) / √(σ² + ε) + β` over each row of `x`, with μ its mean and σ² its biased variance
    /// (PyTorch's `nn.LayerNorm`).
    func normalizing(_ x: Matrix, epsilon: Double) -> Matrix {
        let width = 1 / Double(x.columns)
        let centered = x.combined(with: x.rowSums().scaled(by: width), .subtract)
        let variance = centered.zipped(with: centered, *).rowSums().scaled(by: width)
        let normalized = centered.combined(with: variance.mapped { 1 / ($0 + epsilon).squareRoot() }, .multiply)
        return normalized.combined(with: scale, .multiply).combined(with: shift, .add)
    }
}
