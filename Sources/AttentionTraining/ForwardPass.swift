import AttentionMath
import AttentionModels
import Foundation

/// RNNsearch run over a batch with teacher forcing, keeping every intermediate its gradient
/// needs (see ``Encoding`` and ``Decoder`` for the equations).
///
/// The loss is the mean cross-entropy over the batch's predicted words (each target's words
/// and its `⟨/s⟩`): `L = −(1/N) Σ_{b,t} log p_t[y_t]`. With an alignment weight `λ > 0` the
/// objective adds guided alignment (Chen et al. 2016; Liu et al. 2016), the mean negative log of
/// the attention each target word gives its gold source positions G_{b,t}:
/// `J = L + λ A`, `A = −(1/N_a) Σ_{b,t : G ≠ ∅} log Σ_{i ∈ G_{b,t}} α_{t,i}`.
struct ForwardPass {
    let batch: Batch
    let encoding: Encoding
    /// The decoder's positions, in order.
    let steps: [Decoder.Step]
    /// `[s_t ; c_t ; y'_{t−1}]`, position-major (`m·B` rows).
    let readoutInputs: Matrix
    /// `o_t`, position-major.
    let readout: Matrix
    /// `p_t`, position-major.
    let probabilities: Matrix
    /// `L`.
    let loss: Double
    /// `A` (0 when the batch has no alignments).
    let alignmentLoss: Double
    /// `λ`.
    let alignmentWeight: Double
    /// `J = L + λ A`, what the gradient is of.
    var objective: Double { loss + alignmentWeight * alignmentLoss }

    init(_ parameters: ModelParameters, _ batch: Batch, alignmentWeight: Double = 0) {
        self.batch = batch
        self.alignmentWeight = alignmentWeight
        let decoder = Decoder(parameters)
        encoding = Encoding(parameters, batch, attention: decoder.attention)
        var state = encoding.initialState
        var steps: [Decoder.Step] = []
        for t in 0..<batch.targetLength {
            let step = decoder.step(t, previousWords: batch.previousTokens[t], state: state, memory: encoding.memory)
            state = step.recurrence.state
            steps.append(step)
        }
        self.steps = steps
        readoutInputs = Matrix.stacking(steps.map(\.readoutInput))
        let (readout, softmax) = decoder.readout(readoutInputs)
        self.readout = readout
        probabilities = softmax.weights
        var total = 0.0
        for t in 0..<batch.targetLength {
            for k in 0..<batch.size where batch.targetPresent[t][k] {
                let row = t * batch.size + k
                // −log p = log Σ exp(shifted) − shifted[y], computed from the softmax's stable intermediates.
                total += Foundation.log(softmax.sums[row, 0]) - softmax.shifted[row, batch.nextTokens[t][k]]
            }
        }
        loss = total / Double(batch.tokenCount)
        var alignment = 0.0
        for t in 0..<batch.targetLength {
            for k in 0..<batch.size where !batch.goldPositions[t][k].isEmpty {
                alignment -= Foundation.log(batch.goldPositions[t][k].reduce(0) { $0 + steps[t].attention.weights[k, $1] })
            }
        }
        alignmentLoss = batch.alignedCount == 0 ? 0 : alignment / Double(batch.alignedCount)
    }

    /// `∂(λA)/∂α_t` (`B × n`): `−λ / (N_a Σ_{j ∈ G} α_{t,j})` at the gold positions, 0 elsewhere.
    func alignmentGradient(at t: Int) -> Matrix? {
        guard alignmentWeight > 0, batch.alignedCount > 0 else { return nil }
        let weights = steps[t].attention.weights
        var gradient = Matrix(rows: batch.size, columns: batch.sourceLength)
        for k in 0..<batch.size {
            let gold = batch.goldPositions[t][k]
            guard !gold.isEmpty else { continue }
            let mass = gold.reduce(0) { $0 + weights[k, $1] }
            for i in gold { gradient[k, i] = -alignmentWeight / (Double(batch.alignedCount) * mass) }
        }
        return gradient
    }
}
