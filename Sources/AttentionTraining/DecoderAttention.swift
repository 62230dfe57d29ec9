import AttentionMath
import AttentionModels
import Foundation

/// The decoder's attention over a batch, with the decoder state `s_{t−1}` as the query, and its
/// gradient, for each score a model can have:
///
///     additive   u_i = tanh(W_a^s s + W_a^h h_i)    e_i = v_a · u_i   (Bahdanau et al. 2014)
///     general    e_i = (s W_a) · h_i                                  (Luong et al. 2015)
///     dot        e_i = s · h_i                                        (Luong et al. 2015)
///
///     (e_i = −∞ where position i is padding)    α = softmax(e)    c = Σ_i α_i h_i
///
/// or, with a local window of half-width D (Luong et al. 2015, section 3.2), at target position t
/// of a sentence of n words:
///
///     local-m   p_t = t
///     local-p   p_t = n · σ(v_p · tanh(W_p s))
///     (e_i = −∞ also where |i − p_t| > D)   a = softmax(e)
///     local-m   α = a;   local-p   α_i = a_i · g_i,  g_i = exp(−(i − p_t)² / (2σ²)),  σ = D/2
///
/// A window past the end of the source (local-m, t − D > n − 1) gives zero weights and a zero
/// context. The window's edges are constants to the gradient, as in the paper; `p_t` reaches the
/// loss through the Gaussian.
///
/// The additive `W_a = [W_a^s  W_a^h]` splits by columns into the part that reads the query
/// (`d_a × d_s`) and the part that reads an annotation (`d_a × d_h`), so that the annotation half
/// `P = H (W_a^h)ᵀ` is computed once per sentence.
struct DecoderAttention {
    /// The score.
    let score: ModelConfiguration.Score
    /// Additive: `W_a^s` (`d_a × d_s`); general: `W_a` (`d_s × d_h`); dot: empty.
    let queryWeights: Matrix
    /// Additive: `W_a^h` (`d_a × d_h`); otherwise empty.
    let keyWeights: Matrix
    /// Additive: `v_a` (`1 × d_a`); otherwise empty.
    let vector: Matrix
    /// Where the attention looks.
    let locality: ModelConfiguration.Locality
    /// `D`.
    let halfWidth: Int
    /// Local-p: `W_p` (`d_p × d_s`); otherwise empty.
    let positionWeights: Matrix
    /// Local-p: `v_p` (`1 × d_p`); otherwise empty.
    let positionVector: Matrix

    init(_ parameters: ModelParameters) {
        score = parameters.score
        locality = parameters.locality
        halfWidth = parameters.window
        positionWeights = parameters.positionWeights
        positionVector = parameters.positionVector
        let querySize = parameters.decoder.uz.rows
        switch score {
        case .additive:
            queryWeights = parameters.scoreWeights.columns(0..<querySize)
            keyWeights = parameters.scoreWeights.columns(querySize..<parameters.scoreWeights.columns)
        case .general, .dot:
            queryWeights = parameters.scoreWeights
            keyWeights = Matrix(rows: 0, columns: 0)
        }
        vector = parameters.scoreVector
    }

    /// The annotations of a batch, sentence by sentence, with their projections.
    struct Memory {
        /// `H` (`B·n × d_h`): row `b·n + i` is sentence `b`'s annotation `h_i`.
        let annotations: Matrix
        /// Additive: `P = H (W_a^h)ᵀ` (`B·n × d_a`); otherwise empty.
        let projected: Matrix
        /// Whether sentence `b` has a word at position `i`.
        let present: [[Bool]]
        /// `n`, the longest sentence's length.
        let length: Int
        /// Each sentence's own length (local-p's `n`).
        let lengths: [Int]
    }

    /// One attention step of a batch.
    struct Step {
        /// The query `s` (`B × d_s`).
        let query: Matrix
        /// Additive: `u` (`B·n × d_a`); general and dot: the query as the annotations meet it,
        /// `s W_a` or `s` (`B × d_h`).
        let hidden: Matrix
        /// `α` (`B × n`).
        let weights: Matrix
        /// `c` (`B × d_h`).
        let context: Matrix
        /// The window's centre `p_t` of each sentence (global attention: none).
        let centres: [Double]
        /// Local-p: `tanh(W_p s)` (`B × d_p`), `σ(v_p · tanh(W_p s))` (`B × 1`), the window softmax `a`
        /// and the Gaussian `g` (`B × n`); otherwise `nil`.
        let predictor: (hidden: Matrix, fraction: Matrix, softmax: Matrix, gaussian: Matrix)?
    }

    func memory(annotations: Matrix, present: [[Bool]], length: Int) -> Memory {
        Memory(annotations: annotations,
               projected: score == .additive ? annotations.multiplied(byTransposeOf: keyWeights) : Matrix(rows: 0, columns: 0),
               present: present, length: length, lengths: present.map { $0.lazy.filter { $0 }.count })
    }

    /// The step at target position `t` (which local-m's window follows).
    func attend(_ query: Matrix, over memory: Memory, at t: Int) -> Step {
        let n = memory.length, batch = query.rows
        let hidden: Matrix, raw: Matrix
        switch score {
        case .additive:
            hidden = memory.projected.combined(with: query.multiplied(byTransposeOf: queryWeights).repeatingEachRow(n), .add)
                .applying(.tanh)
            raw = hidden.multiplied(byTransposeOf: vector)
        case .general, .dot:
            hidden = score == .general ? query.multiplied(by: queryWeights) : query
            raw = memory.annotations.combined(with: hidden.repeatingEachRow(n), .multiply).rowSums()
        }
        var centres: [Double] = []
        var predicted: (hidden: Matrix, fraction: Matrix)?
        switch locality {
        case .global:
            break
        case .monotonic:
            centres = Array(repeating: Double(t), count: batch)
        case .predictive:
            let hidden = query.multiplied(byTransposeOf: positionWeights).applying(.tanh)
            let fraction = hidden.multiplied(byTransposeOf: positionVector).applying(.sigmoid)
            centres = zip(memory.lengths, fraction.scalars).map { Double($0) * $1 }
            predicted = (hidden, fraction)
        }
        let d = Double(halfWidth)
        let scores = raw.reshaped(rows: batch, columns: n).masked { b, i in
            memory.present[b][i] && (centres.isEmpty || abs(Double(i) - centres[b]) <= d)
        }
        let softmax = Softmax(rowsOf: scores).weights
        var weights = softmax
        var predictor: (hidden: Matrix, fraction: Matrix, softmax: Matrix, gaussian: Matrix)?
        if let predicted {
            let variance = (d / 2) * (d / 2)
            let gaussian = Matrix(rows: batch, columns: n) { b, i in
                Foundation.exp(-(Double(i) - centres[b]) * (Double(i) - centres[b]) / (2 * variance))
            }
            weights = softmax.combined(with: gaussian, .multiply)
            predictor = (predicted.hidden, predicted.fraction, softmax, gaussian)
        }
        let context = memory.annotations.combined(with: weights.reshaped(rows: batch * n, columns: 1), .multiply)
            .summingRowGroups(of: n)
        return Step(query: query, hidden: hidden, weights: weights, context: context, centres: centres, predictor: predictor)
    }

    /// The gradients that attention accumulates over the steps of a batch.
    struct Gradients {
        /// Additive: `∂L/∂W_a^s`; general: `∂L/∂W_a`; dot: empty.
        var queryWeights: Matrix
        /// Additive: `∂L/∂v_a`; otherwise empty.
        var vector: Matrix
        /// Additive: `∂L/∂P`, summed over steps; otherwise empty.
        var projected: Matrix
        /// `∂L/∂H` through the contexts and the scores, summed over steps.
        var annotations: Matrix
        /// Local-p: `∂L/∂W_p` and `∂L/∂v_p`; otherwise empty.
        var positionWeights: Matrix
        var positionVector: Matrix
    }

    /// Zero gradients for a batch of `rows` annotation rows of width `annotationWidth`.
    func zeroGradients(rows: Int, annotationWidth: Int) -> Gradients {
        Gradients(queryWeights: Matrix(rows: queryWeights.rows, columns: queryWeights.columns),
                  vector: Matrix(rows: vector.rows, columns: vector.columns),
                  projected: Matrix(rows: score == .additive ? rows : 0, columns: keyWeights.rows),
                  annotations: Matrix(rows: rows, columns: annotationWidth),
                  positionWeights: Matrix(rows: positionWeights.rows, columns: positionWeights.columns),
                  positionVector: Matrix(rows: positionVector.rows, columns: positionVector.columns))
    }

    /// Back-propagates `∂L/∂c` (and a direct `∂L/∂α`, if the loss reads the weights) through one
    /// step, accumulating into `gradients`, and returns `∂L/∂s`.
    ///
    ///     ∂α_i = ∂c · h_i (+ the direct term)     ∂h_i += α_i ∂c      ∂e = α ⊙ (∂α − Σ_j α_j ∂α_j)
    ///     additive: ∂v_a += Σ_i ∂e_i u_i          ∂p_i = ∂e_i v_a ⊙ (1 − u_i²)
    ///               ∂P += ∂p       ∂W_a^s += (Σ_i ∂p_i)ᵀ s   ∂s = (Σ_i ∂p_i) W_a^s
    ///     general and dot, with q = s W_a (or s):  ∂h_i += ∂e_i q   ∂q = Σ_i ∂e_i h_i
    ///               general: ∂W_a += sᵀ ∂q   ∂s = ∂q W_aᵀ;   dot: ∂s = ∂q
    ///
    /// Local-p first takes the Gaussian apart, with f = σ(v_p · tanh(W_p s)) and k = tanh(W_p s):
    ///
    ///     ∂a_i = ∂α_i g_i    ∂p = Σ_i ∂α_i a_i g_i (i − p) / σ²    ∂logit = ∂p n f (1 − f)
    ///     ∂v_p += ∂logitᵀ k    ∂k' = ∂logit v_p ⊙ (1 − k²)    ∂W_p += ∂k'ᵀ s    ∂s += ∂k' W_p
    func gradient(of step: Step, context dContext: Matrix, weights dDirect: Matrix? = nil, memory: Memory,
                  into gradients: inout Gradients) -> Matrix {
        let n = memory.length, batch = dContext.rows
        let repeated = dContext.repeatingEachRow(n)
        let weightColumn = step.weights.reshaped(rows: batch * n, columns: 1)
        gradients.annotations.add(repeated.combined(with: weightColumn, .multiply))
        var dWeights = memory.annotations.combined(with: repeated, .multiply).rowSums().reshaped(rows: batch, columns: n)
        if let dDirect { dWeights.add(dDirect) }
        var softmax = step.weights
        var dQueryFromPosition: Matrix?
        if let predictor = step.predictor {
            softmax = predictor.softmax
            let variance = (Double(halfWidth) / 2) * (Double(halfWidth) / 2)
            let dFraction = Matrix(rows: batch, columns: 1) { b, _ in
                var dCentre = 0.0
                for i in 0..<n {
                    dCentre += dWeights[b, i] * predictor.softmax[b, i] * predictor.gaussian[b, i] * (Double(i) - step.centres[b]) / variance
                }
                let f = predictor.fraction[b, 0]
                return dCentre * Double(memory.lengths[b]) * f * (1 - f)
            }
            dWeights = dWeights.combined(with: predictor.gaussian, .multiply)
            gradients.positionVector.add(dFraction.transposeMultiplied(by: predictor.hidden))
            let dHidden = dFraction.multiplied(by: positionVector).zipped(with: predictor.hidden) { $0 * (1 - $1 * $1) }
            gradients.positionWeights.add(dHidden.transposeMultiplied(by: step.query))
            dQueryFromPosition = dHidden.multiplied(by: positionWeights)
        }
        let expected = softmax.combined(with: dWeights, .multiply).rowSums()
        let dScores = softmax.combined(with: dWeights.combined(with: expected, .subtract), .multiply)
            .reshaped(rows: batch * n, columns: 1)
        var dQuery = scoreGradient(dScores, of: step, memory: memory, into: &gradients)
        if let dQueryFromPosition { dQuery.add(dQueryFromPosition) }
        return dQuery
    }

    /// The score's part of ``gradient(of:context:weights:memory:into:)``: from `∂e` to the score's
    /// parameters and the annotations, returning the query's gradient.
    private func scoreGradient(_ dScores: Matrix, of step: Step, memory: Memory, into gradients: inout Gradients) -> Matrix {
        let n = memory.length
        switch score {
        case .additive:
            gradients.vector.add(dScores.transposeMultiplied(by: step.hidden))
            let dPre = dScores.multiplied(by: vector).zipped(with: step.hidden) { $0 * (1 - $1 * $1) }
            gradients.projected.add(dPre)
            let dQueryProjection = dPre.summingRowGroups(of: n)
            gradients.queryWeights.add(dQueryProjection.transposeMultiplied(by: step.query))
            return dQueryProjection.multiplied(by: queryWeights)
        case .general, .dot:
            gradients.annotations.add(step.hidden.repeatingEachRow(n).combined(with: dScores, .multiply))
            let dKeyQuery = memory.annotations.combined(with: dScores, .multiply).summingRowGroups(of: n)
            guard score == .general else { return dKeyQuery }
            gradients.queryWeights.add(step.query.transposeMultiplied(by: dKeyQuery))
            return dKeyQuery.multiplied(byTransposeOf: queryWeights)
        }
    }
}
