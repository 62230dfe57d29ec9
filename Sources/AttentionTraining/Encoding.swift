import AttentionMath
import AttentionModels

/// The encoder's work on a batch: embeddings, both GRU directions, the annotations as
/// attention reads them, and the decoder's initial state.
///
///     x_i = E_x[w_i]      h^→_i = GRU^→(x_i, h^→_{i−1})      h^←_i = GRU^←(x_i, h^←_{i+1})
///     h_i = [h^→_i ; h^←_i]      (h^→_0 = h^←_{n+1} = 0)      s_0 = tanh(h^←_1 W_s)
struct Encoding {
    /// `x_i`, position-major (`n·B × d_e`, row `i·B + b`).
    let sourceInputs: Matrix
    /// The forward GRU's steps, in position order.
    let forwardSteps: [GRULayer.Step]
    /// The backward GRU's steps, in position order (computed from the last position to the first).
    let backwardSteps: [GRULayer.Step]
    /// The annotations and their projections.
    let memory: DecoderAttention.Memory
    /// `s_0` (`B × d_s`).
    let initialState: Matrix

    init(_ parameters: ModelParameters, _ batch: Batch, attention: DecoderAttention) {
        let n = batch.sourceLength
        sourceInputs = parameters.sourceEmbedding.gatheringRows(batch.sourceTokens.flatMap { $0 })
        let forwardSteps = Self.run(parameters.forward, over: sourceInputs, batch, order: Array(0..<n))
        let backwardSteps = Self.run(parameters.backward, over: sourceInputs, batch, order: Array((0..<n).reversed()))
        let positionMajor = Matrix.stacking(zip(forwardSteps, backwardSteps).map {
            Matrix.concatenatingColumns([$0.state, $1.state])
        })
        memory = attention.memory(annotations: positionMajor.gatheringRows(Self.batchMajorOrder(batch)),
                                  present: batch.sourcePresent, length: n)
        initialState = backwardSteps[0].state.multiplied(by: parameters.initialState).applying(.tanh)
        self.forwardSteps = forwardSteps
        self.backwardSteps = backwardSteps
    }

    /// Runs one encoder direction over the positions in `order`; the steps come back in position order.
    private static func run(_ weights: GRUWeights, over inputs: Matrix, _ batch: Batch, order: [Int]) -> [GRULayer.Step] {
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

    /// `order[b·n + i] = i·B + b`: where each batch-major row sits in position-major storage.
    static func batchMajorOrder(_ batch: Batch) -> [Int] {
        (0..<batch.size).flatMap { b in (0..<batch.sourceLength).map { $0 * batch.size + b } }
    }

    /// `order[i·B + b] = b·n + i`: where each position-major row sits in batch-major storage.
    static func positionMajorOrder(_ batch: Batch) -> [Int] {
        (0..<batch.sourceLength).flatMap { i in (0..<batch.size).map { $0 * batch.sourceLength + i } }
    }
}
