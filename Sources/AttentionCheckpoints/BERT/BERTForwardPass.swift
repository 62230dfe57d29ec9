import AttentionMath
import Foundation

/// What one encoder layer computed from its input: each head's attention and the layer's output.
public struct BERTLayerOutput: Equatable, Sendable {
    /// Q, K, V = X W_Qᵀ + b_Q, … (n × d, every head's columns side by side).
    public var queries: Matrix, keys: Matrix, values: Matrix
    /// Head j's softmax over `Q_j K_jᵀ / √d_k`, every intermediate kept (n × n each).
    public var heads: [Softmax]
    /// The heads' contexts `A_j V_j`, concatenated (n × d).
    public var context: Matrix
    /// `LayerNorm(X + context W_Oᵀ + b_O)`, the attention block's output (n × d).
    public var attentionOutput: Matrix
    /// The layer's output `LayerNorm(a + GELU(a W_1ᵀ + b_1) W_2ᵀ + b_2)` with a the attention output (n × d).
    public var hiddenState: Matrix
}

/// A BERT-family encoder's forward pass in float64, as `transformers`' `BertModel` computes it in eval mode.
///
/// For token ids t_0 … t_{n−1} (position i, token type 0):
/// - embeddings: `E_i = LayerNorm(word[t_i] + position[i] + type[0])`;
/// - each layer, from its input X: `Q = X W_Qᵀ + b_Q`, `K`, `V` likewise; head j takes columns
///   `[j d_k, (j+1) d_k)` and computes `A_j = softmax(Q_j K_jᵀ / √d_k)`, `Z_j = A_j V_j`;
///   `a = LayerNorm(X + concat_j(Z_j) W_Oᵀ + b_O)`;
///   `output = LayerNorm(a + GELU(a W_1ᵀ + b_1) W_2ᵀ + b_2)`, with `GELU(x) = x Φ(x) = ½ x (1 + erf(x / √2))`;
/// - `LayerNorm(x) = γ (x − μ) / √(σ² + ε) + β` over each row, σ² the biased variance.
///
/// Dropout is the identity (inference), and no padding mask is applied: one sentence is encoded whole.
public struct BERTEncoder: Sendable {
    /// The sizes.
    public let configuration: BERTConfiguration
    /// The parameters.
    public let weights: BERTWeights

    /// Creates an encoder from its configuration and parameters (read from the same folder).
    public init(configuration: BERTConfiguration, weights: BERTWeights) {
        self.configuration = configuration
        self.weights = weights
    }

    /// The embedding layer's output for `tokenIDs`, one row per token.
    ///
    /// - Throws: ``CheckpointError/tooManyTokens(_:maxPositions:)`` or
    ///   ``CheckpointError/tokenIDOutOfRange(_:vocabularySize:)``.
    public func embeddings(of tokenIDs: [Int]) throws -> Matrix {
        try TokenIDs.check(tokenIDs, maxPositions: configuration.maxPositions, vocabularySize: configuration.vocabularySize)
        let words = weights.wordEmbeddings.gatheringRows(tokenIDs)
        let positions = weights.positionEmbeddings.rows(0..<tokenIDs.count)
        let types = weights.tokenTypeEmbeddings.row(0)
        return weights.embeddingNorm.normalizing(Matrix.sum([words, positions, types]), epsilon: configuration.layerNormEpsilon)
    }

    /// Layer `index` applied to its input `input` (n × d).
    ///
    /// - Precondition: `index` is a layer of the model and `input` has d columns.
    public func layer(_ index: Int, on input: Matrix) -> BERTLayerOutput {
        precondition(weights.layers.indices.contains(index) && input.columns == configuration.hiddenSize,
                     "layer \(index) of \(weights.layers.count) on width \(input.columns)")
        let layer = weights.layers[index], epsilon = configuration.layerNormEpsilon
        let queries = layer.query(input), keys = layer.key(input), values = layer.value(input)
        let (heads, context) = AttentionHeads.attend(queries: queries, keys: keys, values: values,
                                                     headCount: configuration.headCount, causal: false)
        let attended = layer.attentionNorm.normalizing(input.combined(with: layer.attentionOutput(context), .add),
                                                       epsilon: epsilon)
        let inner = layer.intermediate(attended).applying(.gelu)
        let hidden = layer.outputNorm.normalizing(attended.combined(with: layer.output(inner), .add), epsilon: epsilon)
        return BERTLayerOutput(queries: queries, keys: keys, values: values, heads: heads, context: context,
                               attentionOutput: attended, hiddenState: hidden)
    }

    /// The whole encoder on `tokenIDs`: the embeddings, then every layer in turn.
    ///
    /// - Returns: The embeddings followed by each layer's output (`layerCount + 1` hidden states, as
    ///   `transformers`' `hidden_states`), and each layer's full output.
    /// - Throws: As ``embeddings(of:)``.
    public func encode(_ tokenIDs: [Int]) throws -> (hiddenStates: [Matrix], layers: [BERTLayerOutput]) {
        var states = [try embeddings(of: tokenIDs)], outputs: [BERTLayerOutput] = []
        for index in weights.layers.indices {
            let output = layer(index, on: states[index])
            outputs.append(output)
            states.append(output.hiddenState)
        }
        return (states, outputs)
    }
}
