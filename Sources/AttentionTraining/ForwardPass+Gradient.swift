import AttentionMath
import AttentionModels

extension ForwardPass {
    /// `∂J/∂θ` for every parameter (`J = L + λ A`, see ``ForwardPass``), by backpropagation through time.
    ///
    /// The readout is differentiated for all positions at once:
    ///
    ///     ∂logits = (p_t − onehot(y_t)) / N  (0 at padded positions)
    ///     ∂W_y = Oᵀ ∂logits   ∂b_y = Σ ∂logits   ∂pre_o = ∂logits W_yᵀ ⊙ (1 − o²)
    ///     ∂W_o = Rᵀ ∂pre_o   ∂b_o = Σ ∂pre_o    ∂R = ∂pre_o W_oᵀ = [∂s_t ; ∂c_t ; ∂y'_{t−1}]
    ///
    /// then the decoder from the last position to the first (each state's gradient is its
    /// readout's plus the next step's), attention (see ``DecoderAttention``), the initial state
    /// `∂(h^←_1 W_s) = ∂s_0 ⊙ (1 − s_0²)`, and both encoder directions against their reading order.
    func gradient(_ parameters: ModelParameters) -> ModelParameters {
        let b = batch.size, n = batch.sourceLength, m = batch.targetLength
        let memory = encoding.memory
        let dS = parameters.decoder.uz.rows, dH = memory.annotations.columns, dE = parameters.targetEmbedding.columns
        var gradient = parameters.zeros

        let dLogits = Matrix(rows: m * b, columns: probabilities.columns) { row, word in
            let t = row / b, k = row % b
            guard batch.targetPresent[t][k] else { return 0 }
            return (probabilities[row, word] - (word == batch.nextTokens[t][k] ? 1 : 0)) / Double(batch.tokenCount)
        }
        gradient.outputWeights = readout.transposeMultiplied(by: dLogits)
        gradient.outputBias = dLogits.columnSums()
        let dReadout = dLogits.multiplied(byTransposeOf: parameters.outputWeights).zipped(with: readout) { $0 * (1 - $1 * $1) }
        gradient.readoutWeights = readoutInputs.transposeMultiplied(by: dReadout)
        gradient.readoutBias = dReadout.columnSums()
        let dReadoutInputs = dReadout.multiplied(byTransposeOf: parameters.readoutWeights)

        let parts = Decoder(parameters), attention = parts.attention, decoder = parts.layer
        var attentionGradients = attention.zeroGradients(rows: b * n, annotationWidth: dH)
        var dProjections = [Matrix](repeating: Matrix(rows: 0, columns: 0), count: m)
        var dNext = Matrix(rows: b, columns: dS)
        for t in (0..<m).reversed() {
            let rows = dReadoutInputs.rows((t * b)..<((t + 1) * b))
            var dState = rows.columns(0..<dS)
            dState.add(dNext)
            let (dProjected, dPrevious) = decoder.gradient(of: steps[t].recurrence, state: dState)
            dProjections[t] = dProjected
            let dInput = dProjected.multiplied(byTransposeOf: parts.inputWeights)
            var dWord = rows.columns((dS + dH)..<(dS + dH + dE))
            dWord.add(dInput.columns(0..<dE))
            gradient.targetEmbedding.addRows(dWord, at: batch.previousTokens[t])
            var dContext = rows.columns(dS..<(dS + dH))
            dContext.add(dInput.columns(dE..<(dE + dH)))
            dNext = dPrevious
            dNext.add(attention.gradient(of: steps[t].attention, context: dContext, weights: alignmentGradient(at: t),
                                         memory: memory, into: &attentionGradients))
        }
        gradient.decoder = decoder.weightGradients(steps: steps.map(\.recurrence), inputs: Matrix.stacking(steps.map(\.input)),
                                                   projections: Matrix.stacking(dProjections))
        var dAnnotations = attentionGradients.annotations
        switch parameters.score {
        case .additive:
            gradient.scoreVector = attentionGradients.vector
            gradient.scoreWeights = Matrix.concatenatingColumns([
                attentionGradients.queryWeights, attentionGradients.projected.transposeMultiplied(by: memory.annotations),
            ])
            dAnnotations.add(attentionGradients.projected.multiplied(by: attention.keyWeights))
        case .general:
            gradient.scoreWeights = attentionGradients.queryWeights
        case .dot:
            break
        }
        if parameters.locality == .predictive {
            gradient.positionWeights = attentionGradients.positionWeights
            gradient.positionVector = attentionGradients.positionVector
        }

        let dInitial = dNext.zipped(with: encoding.initialState) { $0 * (1 - $1 * $1) }
        gradient.initialState = encoding.backwardSteps[0].state.transposeMultiplied(by: dInitial)
        let dFirstBackward = dInitial.multiplied(byTransposeOf: parameters.initialState)

        let positionMajor = dAnnotations.gatheringRows(Encoding.positionMajorOrder(batch))
        let dEncoder = parameters.forward.uz.rows
        func backpropagate(_ weights: GRUWeights, steps: [GRULayer.Step], columns: Range<Int>, order: [Int],
                           extra: (Int) -> Matrix?) -> GRUWeights {
            let layer = GRULayer(weights)
            var dProjected = [Matrix](repeating: Matrix(rows: 0, columns: 0), count: n)
            var dLater = Matrix(rows: b, columns: dEncoder)
            for i in order {
                var dState = positionMajor.rows((i * b)..<((i + 1) * b)).columns(columns)
                dState.add(dLater)
                if let extra = extra(i) { dState.add(extra) }
                let (projected, previous) = layer.gradient(of: steps[i], state: dState)
                dProjected[i] = projected
                dLater = previous
            }
            let stacked = Matrix.stacking(dProjected)
            gradient.sourceEmbedding.addRows(stacked.multiplied(byTransposeOf: weights.inputWeights),
                                             at: batch.sourceTokens.flatMap { $0 })
            return layer.weightGradients(steps: steps, inputs: encoding.sourceInputs, projections: stacked)
        }
        gradient.forward = backpropagate(parameters.forward, steps: encoding.forwardSteps, columns: 0..<dEncoder,
                                         order: Array((0..<n).reversed()), extra: { _ in nil })
        gradient.backward = backpropagate(parameters.backward, steps: encoding.backwardSteps, columns: dEncoder..<(2 * dEncoder),
                                          order: Array(0..<n), extra: { $0 == 0 ? dFirstBackward : nil })
        return gradient
    }
}
