import AttentionMath

/// Bahdanau's additive attention over a batch, with the decoder state `s_{t−1}` as the query,
/// and its gradient.
///
/// `W_a = [W_a^s  W_a^h]` splits by columns into the part that reads the query (`d_a × d_s`)
/// and the part that reads an annotation (`d_a × d_h`), so that `W_a [s ; h_i] = W_a^s s + W_a^h h_i`
/// and the annotation half `P = H (W_a^h)ᵀ` is computed once per sentence:
///
///     u_i = tanh(W_a^s s + W_a^h h_i)      e_i = v_a · u_i (−∞ where position i is padding)
///     α = softmax(e)                       c = Σ_i α_i h_i
struct AdditiveAttention {
    /// `W_a^s` (`d_a × d_s`).
    let queryWeights: Matrix
    /// `W_a^h` (`d_a × d_h`).
    let keyWeights: Matrix
    /// `v_a` (`1 × d_a`).
    let vector: Matrix

    init(scoreWeights: Matrix, scoreVector: Matrix, querySize: Int) {
        queryWeights = scoreWeights.columns(0..<querySize)
        keyWeights = scoreWeights.columns(querySize..<scoreWeights.columns)
        vector = scoreVector
    }

    /// The annotations of a batch, sentence by sentence, with their projections.
    struct Memory {
        /// `H` (`B·n × d_h`): row `b·n + i` is sentence `b`'s annotation `h_i`.
        let annotations: Matrix
        /// `P = H (W_a^h)ᵀ` (`B·n × d_a`).
        let projected: Matrix
        /// Whether sentence `b` has a word at position `i`.
        let present: [[Bool]]
        /// `n`.
        let length: Int
    }

    /// One attention step of a batch.
    struct Step {
        /// The query `s` (`B × d_s`).
        let query: Matrix
        /// `u` (`B·n × d_a`).
        let hidden: Matrix
        /// `α` (`B × n`).
        let weights: Matrix
        /// `c` (`B × d_h`).
        let context: Matrix
    }

    func memory(annotations: Matrix, present: [[Bool]], length: Int) -> Memory {
        Memory(annotations: annotations, projected: annotations.multiplied(byTransposeOf: keyWeights), present: present,
               length: length)
    }

    func attend(_ query: Matrix, over memory: Memory) -> Step {
        let n = memory.length, batch = query.rows
        let hidden = memory.projected.combined(with: query.multiplied(byTransposeOf: queryWeights).repeatingEachRow(n), .add)
            .applying(.tanh)
        let scores = hidden.multiplied(byTransposeOf: vector).reshaped(rows: batch, columns: n)
            .masked { b, i in memory.present[b][i] }
        let weights = Softmax(rowsOf: scores).weights
        let context = memory.annotations.combined(with: weights.reshaped(rows: batch * n, columns: 1), .multiply)
            .summingRowGroups(of: n)
        return Step(query: query, hidden: hidden, weights: weights, context: context)
    }

    /// The gradients that attention accumulates over the steps of a batch.
    struct Gradients {
        var queryWeights: Matrix
        var vector: Matrix
        /// `∂L/∂P`, summed over steps.
        var projected: Matrix
        /// `∂L/∂H` through the contexts, summed over steps.
        var annotations: Matrix
    }

    /// Back-propagates `∂L/∂c` (and a direct `∂L/∂α`, if the loss reads the weights) through one
    /// step, accumulating into `gradients`, and returns `∂L/∂s`.
    ///
    ///     ∂α_i = ∂c · h_i (+ the direct term)     ∂h_i += α_i ∂c      ∂e = α ⊙ (∂α − Σ_j α_j ∂α_j)
    ///     ∂v_a += Σ_i ∂e_i u_i                    ∂p_i = ∂e_i v_a ⊙ (1 − u_i²)
    ///     ∂P += ∂p       ∂W_a^s += (Σ_i ∂p_i)ᵀ s   ∂s = (Σ_i ∂p_i) W_a^s
    func gradient(of step: Step, context dContext: Matrix, weights dDirect: Matrix? = nil, memory: Memory,
                  into gradients: inout Gradients) -> Matrix {
        let n = memory.length, batch = dContext.rows
        let repeated = dContext.repeatingEachRow(n)
        let weightColumn = step.weights.reshaped(rows: batch * n, columns: 1)
        gradients.annotations.add(repeated.combined(with: weightColumn, .multiply))
        var dWeights = memory.annotations.combined(with: repeated, .multiply).rowSums().reshaped(rows: batch, columns: n)
        if let dDirect { dWeights.add(dDirect) }
        let expected = step.weights.combined(with: dWeights, .multiply).rowSums()
        let dScores = step.weights.combined(with: dWeights.combined(with: expected, .subtract), .multiply)
            .reshaped(rows: batch * n, columns: 1)
        gradients.vector.add(dScores.transposeMultiplied(by: step.hidden))
        let dPre = dScores.multiplied(by: vector).zipped(with: step.hidden) { $0 * (1 - $1 * $1) }
        gradients.projected.add(dPre)
        let dQueryProjection = dPre.summingRowGroups(of: n)
        gradients.queryWeights.add(dQueryProjection.transposeMultiplied(by: step.query))
        return dQueryProjection.multiplied(by: queryWeights)
    }
}
