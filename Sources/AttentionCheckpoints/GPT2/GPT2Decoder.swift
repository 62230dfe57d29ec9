import AttentionMath
import Foundation

/// What one decoder block computed from its input: the attention's input, each head's attention and the block's output.
public struct GPT2LayerOutput: Equatable, Sendable {
    /// a = LN_1(h), the input the attention projects (n × d).
    public var attentionInput: Matrix
    /// Q, K, V: the column blocks `[0, d)`, `[d, 2d)`, `[2d, 3d)` of `a W_attn + b_attn` (n × d each).
    public var queries: Matrix, keys: Matrix, values: Matrix
    /// Head j's softmax over `Q_j K_jᵀ / √d_k` with the future masked (−∞, weight 0), every intermediate kept (n × n each).
    public var heads: [Softmax]
    /// The heads' contexts `A_j V_j`, concatenated (n × d).
    public var context: Matrix
    /// `context W_proj + b_proj`, the attention's output before the residual (n × d).
    public var attentionOutput: Matrix
    /// The block's output `h' + MLP(LN_2(h'))` with `h' = h + attentionOutput` (n × d); no final LayerNorm.
    public var hiddenState: Matrix
}

/// A GPT-2-family decoder's forward pass in float64, as `transformers`' `GPT2Model` computes it in eval mode
/// with eager attention.
///
/// For token ids t_0 … t_{n−1}:
/// - embeddings: `h_0[i] = wte[t_i] + wpe[i]`;
/// - each block, from its input h: `a = LN_1(h)`; `[Q K V] = a W_attn + b_attn`; head j takes columns
///   `[j d_k, (j+1) d_k)` of each and computes `A_j = softmax(Q_j K_jᵀ / √d_k + M)`, M the causal mask
///   (−∞ above the diagonal: position i attends to positions 0 … i), `Z_j = A_j V_j`;
///   `h' = h + concat_j(Z_j) W_proj + b_proj`; `h'' = h' + gelu_new(LN_2(h') W_fc + b_fc) W_mlp + b_mlp`,
///   with `gelu_new(x) = ½ x (1 + tanh(√(2/π) (x + 0.044715 x³)))`;
/// - after the last block, `ln_f`.
///
/// Every weight is a `Conv1D` (in × out), so no product is transposed. Dropout is the identity.
public struct GPT2Decoder: Sendable {
    /// The sizes.
    public let configuration: GPT2Configuration
    /// The parameters.
    public let weights: GPT2Weights

    /// Creates a decoder from its configuration and parameters (read from the same folder).
    public init(configuration: GPT2Configuration, weights: GPT2Weights) {
        self.configuration = configuration
        self.weights = weights
    }

    /// The embeddings `wte[t_i] + wpe[i]` of `tokenIDs`, one row per token (no LayerNorm: GPT-2 has none here).
    ///
    /// - Throws: ``CheckpointError/tooManyTokens(_:maxPositions:)`` or
    ///   ``CheckpointError/tokenIDOutOfRange(_:vocabularySize:)``.
    public func embeddings(of tokenIDs: [Int]) throws -> Matrix {
        try TokenIDs.check(tokenIDs, maxPositions: configuration.maxPositions, vocabularySize: configuration.vocabularySize)
        return weights.wordEmbeddings.gatheringRows(tokenIDs)
            .combined(with: weights.positionEmbeddings.rows(0..<tokenIDs.count), .add)
    }

    /// Block `index` applied to its input `input` (n × d).
    ///
    /// - Precondition: `index` is a layer of the model and `input` has d columns.
    public func layer(_ index: Int, on input: Matrix) -> GPT2LayerOutput {
        precondition(weights.layers.indices.contains(index) && input.columns == configuration.hiddenSize,
                     "layer \(index) of \(weights.layers.count) on width \(input.columns)")
        let layer = weights.layers[index], d = configuration.hiddenSize, epsilon = configuration.layerNormEpsilon
        let normalized = attentionInput(index, on: input)
        let projected = layer.queryKeyValue(normalized)
        let queries = projected.columns(0..<d), keys = projected.columns(d..<(2 * d))
        let values = projected.columns((2 * d)..<(3 * d))
        let (heads, context) = AttentionHeads.attend(queries: queries, keys: keys, values: values,
                                                     headCount: configuration.headCount, causal: true)
        let attended = layer.attentionOutput(context)
        let residual = input.combined(with: attended, .add)
        let inner = layer.intermediate(layer.feedForwardNorm.normalizing(residual, epsilon: epsilon)).applying(.geluTanh)
        let hidden = residual.combined(with: layer.output(inner), .add)
        return GPT2LayerOutput(attentionInput: normalized, queries: queries, keys: keys, values: values, heads: heads,
                               context: context, attentionOutput: attended, hiddenState: hidden)
    }

    /// What block `index`'s attention reads of its input: `ln_1(input)`, without the rest of the block.
    ///
    /// - Precondition: `index` is a layer of the model.
    public func attentionInput(_ index: Int, on input: Matrix) -> Matrix {
        weights.layers[index].attentionNorm.normalizing(input, epsilon: configuration.layerNormEpsilon)
    }

    /// `ln_f` applied to the last block's output: the decoder's final hidden state.
    public func finalNorm(_ hiddenState: Matrix) -> Matrix {
        weights.finalNorm.normalizing(hiddenState, epsilon: configuration.layerNormEpsilon)
    }

    /// The whole decoder on `tokenIDs`: the embeddings, then every block in turn, then `ln_f`.
    ///
    /// The name mirrors ``BERTEncoder/encode(_:)``: it is the forward pass, not a generation step.
    ///
    /// - Returns: `layerCount + 1` hidden states in the order of `transformers`' `hidden_states`: the
    ///   embeddings, the outputs of blocks 0 … layers − 2, and the last block's output after `ln_f`
    ///   (that block's output before `ln_f` is its `hiddenState`); and each block's full output.
    /// - Throws: As ``embeddings(of:)``.
    public func encode(_ tokenIDs: [Int]) throws -> (hiddenStates: [Matrix], layers: [GPT2LayerOutput]) {
        var input = try embeddings(of: tokenIDs), states: [Matrix] = [], outputs: [GPT2LayerOutput] = []
        for index in weights.layers.indices {
            states.append(input)
            let output = layer(index, on: input)
            outputs.append(output)
            input = output.hiddenState
        }
        return (states + [finalNorm(input)], outputs)
    }
}
