import AttentionMath
import AttentionModels

/// One batched GRU step and its gradient, for the Cho form of ``GRUWeights``.
///
/// The input's projections `x [W_z W_r W_h]` come precomputed (the encoder projects every
/// position in one product); the step adds the state's contributions:
///
///     [a_z a_r] = x [W_z W_r] + h [U_z U_r]      z = σ(a_z), r = σ(a_r)
///     a_h = x W_h + (r ⊙ h) U_h                   h̃ = tanh(a_h)
///     h'' = h + z ⊙ (h̃ − h)                        (= (1 − z) ⊙ h + z ⊙ h̃)
///     h' = h + m ⊙ (h'' − h)                      m = 1 for a real position, 0 for padding
struct GRULayer {
    let hiddenSize: Int
    /// `[U_z U_r]` (`d × 2d`).
    let gateWeights: Matrix
    /// `U_h` (`d × d`).
    let candidateWeights: Matrix

    init(_ weights: GRUWeights) {
        hiddenSize = weights.uz.rows
        gateWeights = weights.gateWeights
        candidateWeights = weights.uh
    }

    /// What one step computed, kept for its gradient.
    struct Step {
        let previous, z, r, resetPrevious, candidate, state: Matrix
        let mask: Matrix?
    }

    /// One step from the previous states `h` (`B × d`) and the input projections (`B × 3d`).
    func step(projected: Matrix, previous: Matrix, mask: Matrix? = nil) -> Step {
        let d = hiddenSize
        let gates = projected.columns(0..<(2 * d)).combined(with: previous.multiplied(by: gateWeights), .add)
            .applying(.sigmoid)
        let z = gates.columns(0..<d), r = gates.columns(d..<(2 * d))
        let resetPrevious = r.combined(with: previous, .multiply)
        let candidate = projected.columns((2 * d)..<(3 * d))
            .combined(with: resetPrevious.multiplied(by: candidateWeights), .add).applying(.tanh)
        var state = previous.interpolated(to: candidate, weight: z)
        if let mask { state = previous.combined(with: state.combined(with: previous, .subtract).combined(with: mask, .multiply), .add) }
        return Step(previous: previous, z: z, r: r, resetPrevious: resetPrevious, candidate: candidate, state: state,
                    mask: mask)
    }

    /// The gradient of one step: from `∂L/∂h'`, the gradients of the input projections
    /// (`B × 3d`, `[∂a_z ∂a_r ∂a_h]`) and of the previous state.
    ///
    ///     ∂h'' = m ⊙ ∂h'                       ∂h  = (1 − m) ⊙ ∂h' + (1 − z) ⊙ ∂h''
    ///     ∂z = ∂h'' ⊙ (h̃ − h)                  ∂a_h = ∂h'' ⊙ z ⊙ (1 − h̃²)
    ///     ∂(r ⊙ h) = ∂a_h U_hᵀ                  ∂h += r ⊙ ∂(r ⊙ h)
    ///     ∂a_z = ∂z ⊙ z (1 − z)                ∂a_r = (∂(r ⊙ h) ⊙ h) ⊙ r (1 − r)
    ///     ∂h += [∂a_z ∂a_r] [U_z U_r]ᵀ
    ///
    /// The weight gradients are `∂[W_z W_r W_h] = Σ_t x_tᵀ ∂a_t`, `∂[U_z U_r] = Σ_t h_tᵀ [∂a_z ∂a_r]_t`
    /// and `∂U_h = Σ_t (r ⊙ h)_tᵀ ∂a_{h,t}`, which ``weightGradients(steps:projections:)`` forms in one
    /// product per weight over all steps.
    func gradient(of step: Step, state gradient: Matrix) -> (projected: Matrix, previous: Matrix) {
        var dState = gradient
        var dPrevious = Matrix(rows: gradient.rows, columns: gradient.columns)
        if let mask = step.mask {
            dPrevious = gradient.combined(with: mask.mapped { 1 - $0 }, .multiply)
            dState = gradient.combined(with: mask, .multiply)
        }
        let dz = dState.combined(with: step.candidate.combined(with: step.previous, .subtract), .multiply)
        dPrevious.add(dState.zipped(with: step.z) { $0 * (1 - $1) })
        let dah = dState.combined(with: step.z, .multiply).zipped(with: step.candidate) { $0 * (1 - $1 * $1) }
        let dReset = dah.multiplied(byTransposeOf: candidateWeights)
        dPrevious.add(dReset.combined(with: step.r, .multiply))
        let daz = dz.zipped(with: step.z) { $0 * $1 * (1 - $1) }
        let dar = dReset.combined(with: step.previous, .multiply).zipped(with: step.r) { $0 * $1 * (1 - $1) }
        let dGates = Matrix.concatenatingColumns([daz, dar])
        dPrevious.add(dGates.multiplied(byTransposeOf: gateWeights))
        return (Matrix.concatenatingColumns([dGates, dah]), dPrevious)
    }

    /// The gradients of the six weights over every step, from the inputs `x_t` stacked
    /// (`T·B × d_in`) and the projection gradients stacked in the same order (`T·B × 3d`).
    func weightGradients(steps: [Step], inputs: Matrix, projections: Matrix) -> GRUWeights {
        let d = hiddenSize
        let dInput = inputs.transposeMultiplied(by: projections)
        let dGates = Matrix.stacking(steps.map(\.previous)).transposeMultiplied(by: projections.columns(0..<(2 * d)))
        let dCandidate = Matrix.stacking(steps.map(\.resetPrevious)).transposeMultiplied(by: projections.columns((2 * d)..<(3 * d)))
        var result = GRUWeights(inputSize: inputs.columns, hiddenSize: d)
        result.wz = dInput.columns(0..<d)
        result.wr = dInput.columns(d..<(2 * d))
        result.wh = dInput.columns((2 * d)..<(3 * d))
        result.uz = dGates.columns(0..<d)
        result.ur = dGates.columns(d..<(2 * d))
        result.uh = dCandidate
        return result
    }
}
