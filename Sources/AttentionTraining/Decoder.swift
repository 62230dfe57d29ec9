import AttentionMath
import AttentionModels

/// One decoder position for a batch, and the readout that turns positions into word probabilities.
///
///     c_t = attention(s_{t−1}, h)  (``DecoderAttention``)      y'_{t−1} = E_y[y_{t−1}]  (y_0 = ⟨s⟩)
///     s_t = GRU_dec([y'_{t−1} ; c_t], s_{t−1})
///     o_t = tanh([s_t ; c_t ; y'_{t−1}] W_o + b_o)      p_t = softmax(o_t W_y + b_y)
struct Decoder {
    let attention: DecoderAttention
    let layer: GRULayer
    /// `[W_z W_r W_h]` of the decoder GRU.
    let inputWeights: Matrix
    let parameters: ModelParameters

    init(_ parameters: ModelParameters) {
        attention = DecoderAttention(parameters)
        layer = GRULayer(parameters.decoder)
        inputWeights = parameters.decoder.inputWeights
        self.parameters = parameters
    }

    /// What one position computed.
    struct Step {
        let attention: DecoderAttention.Step
        /// `[y'_{t−1} ; c_t]`.
        let input: Matrix
        let recurrence: GRULayer.Step
        /// `[s_t ; c_t ; y'_{t−1}]`.
        let readoutInput: Matrix
    }

    /// Position `t`: the previous words' indices (one per sentence) and the previous states.
    func step(_ t: Int, previousWords: [Int], state: Matrix, memory: DecoderAttention.Memory) -> Step {
        let previousWord = parameters.targetEmbedding.gatheringRows(previousWords)
        let attended = attention.attend(state, over: memory, at: t)
        let input = Matrix.concatenatingColumns([previousWord, attended.context])
        let recurrence = layer.step(projected: input.multiplied(by: inputWeights), previous: state)
        return Step(attention: attended, input: input, recurrence: recurrence,
                    readoutInput: Matrix.concatenatingColumns([recurrence.state, attended.context, previousWord]))
    }

    /// `o = tanh(R W_o + b_o)` and the softmax of `o W_y + b_y`, for readout inputs stacked by rows.
    func readout(_ inputs: Matrix) -> (readout: Matrix, softmax: Softmax) {
        let readout = inputs.multiplied(by: parameters.readoutWeights).combined(with: parameters.readoutBias, .add)
            .applying(.tanh)
        return (readout, Softmax(rowsOf: readout.multiplied(by: parameters.outputWeights)
                                     .combined(with: parameters.outputBias, .add)))
    }
}
