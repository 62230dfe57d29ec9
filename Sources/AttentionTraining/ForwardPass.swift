import AttentionMath
import Foundation

/// RNNsearch run over a batch with teacher forcing, keeping every intermediate its gradient
/// needs (see ``Encoding`` and ``Decoder`` for the equations).
///
/// The loss is the mean cross-entropy over the batch's predicted words (each target's words
/// and its `⟨/s⟩`): `L = −(1/N) Σ_{b,t} log p_t[y_t]`.
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

    init(_ parameters: ModelParameters, _ batch: Batch) {
        self.batch = batch
        let decoder = Decoder(parameters)
        encoding = Encoding(parameters, batch, attention: decoder.attention)
        var state = encoding.initialState
        var steps: [Decoder.Step] = []
        for t in 0..<batch.targetLength {
            let step = decoder.step(previousWords: batch.previousTokens[t], state: state, memory: encoding.memory)
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
    }
}
