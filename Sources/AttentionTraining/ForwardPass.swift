import Foundation
import AttentionMath

/// RNNsearch run over a batch with teacher forcing, keeping every intermediate its gradient needs.
///
/// Encoder (Bahdanau et al. 2014, §3.2), for source positions `i = 1 … n`:
///
///     x_i = E_x[w_i]      h^→_i = GRU^→(x_i, h^→_{i−1})      h^←_i = GRU^←(x_i, h^←_{i+1})
///     h_i = [h^→_i ; h^←_i]      (h^→_0 = h^←_{n+1} = 0)
///
/// Decoder, for target positions `t = 1 … m` (the last predicts `⟨/s⟩`):
///
///     s_0 = tanh(h^←_1 W_s)      c_t = attention(s_{t−1}, h)      y'_{t−1} = E_y[y_{t−1}]  (y_0 = ⟨s⟩)
///     s_t = GRU_dec([y'_{t−1} ; c_t], s_{t−1})
///     o_t = tanh([s_t ; c_t ; y'_{t−1}] W_o + b_o)      p_t = softmax(o_t W_y + b_y)
///
/// The loss is the mean cross-entropy over the batch's predicted words:
/// `L = −(1/N) Σ_{b,t} log p_t[y_t]`.
struct ForwardPass {
    let batch: Batch
    let sourceInputs: Matrix
    let forwardSteps: [GRULayer.Step]
    /// In position order (computed from the last position to the first).
    let backwardSteps: [GRULayer.Step]
    let initialState: Matrix
    let memory: AdditiveAttention.Memory
    let decoderInputs: [Matrix]
    let attentionSteps: [AdditiveAttention.Step]
    let decoderSteps: [GRULayer.Step]
    /// `[s_t ; c_t ; y'_{t−1}]`, position-major (`m·B` rows).
    let readoutInputs: Matrix
    let readout: Matrix
    let probabilities: Matrix
    /// `L`.
    let loss: Double

    init(_ parameters: ModelParameters, _ batch: Batch) {
        self.batch = batch
        let b = batch.size, n = batch.sourceLength
        let sourceInputs = parameters.sourceEmbedding.gatheringRows(batch.sourceTokens.flatMap { $0 })
        self.sourceInputs = sourceInputs
        forwardSteps = Self.encode(sourceInputs, batch, parameters.forward, order: Array(0..<n))
        backwardSteps = Self.encode(sourceInputs, batch, parameters.backward, order: Array((0..<n).reversed()))
        let timeMajor = Matrix.stacking(zip(forwardSteps, backwardSteps).map { Matrix.concatenatingColumns([$0.state, $1.state]) })
        let attention = AdditiveAttention(scoreWeights: parameters.scoreWeights, scoreVector: parameters.scoreVector,
                                          querySize: parameters.decoder.uz.rows)
        memory = attention.memory(annotations: timeMajor.gatheringRows(Self.batchMajorOrder(batch)),
                                  present: batch.sourcePresent, length: n)
        initialState = backwardSteps[0].state.multiplied(by: parameters.initialState).applying(.tanh)

        let decoder = GRULayer(parameters.decoder), decoderWeights = parameters.decoder.inputWeights
        var state = initialState
        var inputs: [Matrix] = [], attended: [AdditiveAttention.Step] = [], steps: [GRULayer.Step] = []
        var readoutRows: [Matrix] = []
        for t in 0..<batch.targetLength {
            let previousWord = parameters.targetEmbedding.gatheringRows(batch.previousTokens[t])
            let attentionStep = attention.attend(state, over: memory)
            let input = Matrix.concatenatingColumns([previousWord, attentionStep.context])
            let step = decoder.step(projected: input.multiplied(by: decoderWeights), previous: state)
            state = step.state
            inputs.append(input)
            attended.append(attentionStep)
            steps.append(step)
            readoutRows.append(Matrix.concatenatingColumns([step.state, attentionStep.context, previousWord]))
        }
        decoderInputs = inputs
        attentionSteps = attended
        decoderSteps = steps
        readoutInputs = Matrix.stacking(readoutRows)
        readout = readoutInputs.multiplied(by: parameters.readoutWeights).combined(with: parameters.readoutBias, .add)
            .applying(.tanh)
        let softmax = Softmax(rowsOf: readout.multiplied(by: parameters.outputWeights).combined(with: parameters.outputBias, .add))
        probabilities = softmax.weights
        var total = 0.0
        for t in 0..<batch.targetLength {
            for k in 0..<b where batch.targetPresent[t][k] {
                let row = t * b + k
                total += Foundation.log(softmax.sums[row, 0]) - softmax.shifted[row, batch.nextTokens[t][k]]
            }
        }
        loss = total / Double(batch.tokenCount)
    }

    /// Runs one encoder direction over the positions in `order`; the steps come back in position order.
    static func encode(_ inputs: Matrix, _ batch: Batch, _ weights: GRUWeights, order: [Int]) -> [GRULayer.Step] {
        let layer = GRULayer(weights), b = batch.size
        let projections = inputs.multiplied(by: weights.inputWeights)
        var state = Matrix(rows: b, columns: layer.hiddenSize)
        var steps = [GRULayer.Step?](repeating: nil, count: batch.sourceLength)
        for i in order {
            let step = layer.step(projected: projections.rows((i * b)..<((i + 1) * b)), previous: state,
                                  mask: batch.sourceMasks[i])
            steps[i] = step
            state = step.state
        }
        return steps.compactMap { $0 }
    }

    /// `order[b·n + i] = i·B + b`: where a batch-major row sits in position-major storage.
    static func batchMajorOrder(_ batch: Batch) -> [Int] {
        (0..<batch.size).flatMap { b in (0..<batch.sourceLength).map { $0 * batch.size + b } }
    }
}
