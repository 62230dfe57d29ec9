import AttentionMath
import Foundation

/// What one Llama decoder block computed from its input.
public struct LlamaLayerOutput: Equatable, Sendable {
    /// a = RMSNorm(h) · γ, the input the attention projects (n × d).
    public var attentionInput: Matrix
    /// Q = a W_qᵀ (n × d) and K = a W_kᵀ (n × kv · d_k), rotated by RoPE, head by head.
    public var queries: Matrix, keys: Matrix
    /// V = a W_vᵀ (n × kv · d_k).
    public var values: Matrix
    /// Head j's softmax over `Q_j K_gᵀ / √d_k` with the future masked, g its key and value head (n × n each).
    public var heads: [Softmax]
    /// `concat_j(A_j V_g) W_oᵀ`, the attention's output before the residual (n × d).
    public var attentionOutput: Matrix
    /// The block's output `h' + W_down (silu(m W_gateᵀ) ⊙ m W_upᵀ)` with `h' = h + attentionOutput` and
    /// `m = RMSNorm(h') · γ'` (n × d).
    public var hiddenState: Matrix
}

/// A Llama-family decoder's forward pass in float64, as `transformers`' `LlamaModel` computes it in eval
/// mode with eager attention (but in float64 throughout, where `transformers` computes RMSNorm, the RoPE
/// angles and the softmax in float32):
///
/// - embeddings: `h_0[i] = E[t_i]` (no position embedding: positions enter through RoPE);
/// - each block, from its input h: `a = RMSNorm(h) γ` with `RMSNorm(x) = x / √(mean(x²) + ε)`;
///   `Q = a W_qᵀ`, `K = a W_kᵀ`, `V = a W_vᵀ`; every head of Q and K is rotated by RoPE, position p and pair
///   (k, k + d_k/2) turned by `p θ_k`, `θ_k = base^(−2k/d_k)`; query head j reads key and value head
///   g = ⌊j kv / h⌋: `A_j = softmax(Q_j K_gᵀ / √d_k + M)`, M the causal mask; `h' = h + concat_j(A_j V_g) W_oᵀ`;
///   `h'' = h' + (silu(m W_gateᵀ) ⊙ m W_upᵀ) W_downᵀ` with `m = RMSNorm(h') γ'`, `silu(x) = x σ(x)`;
/// - after the last block, `RMSNorm(h) γ_final`.
///
/// No projection has a bias.
public struct LlamaDecoder: Sendable {
    /// The parameters, read from the file block by block.
    public let weights: LlamaWeights

    /// The sizes.
    public var configuration: LlamaConfiguration { weights.configuration }

    /// Creates the decoder of `weights`.
    public init(weights: LlamaWeights) {
        self.weights = weights
    }

    /// The embeddings `E[t_i]` of `tokenIDs`, one row per token.
    ///
    /// - Throws: ``CheckpointError/tooManyTokens(_:maxPositions:)`` (more than the context length) or
    ///   ``CheckpointError/tokenIDOutOfRange(_:vocabularySize:)``.
    public func embeddings(of tokenIDs: [Int]) throws -> Matrix {
        try TokenIDs.check(tokenIDs, maxPositions: configuration.contextLength, vocabularySize: weights.vocabularySize)
        return try weights.embeddings(of: tokenIDs)
    }

    /// The block whose parameters are `block` applied to its input `input` (n × d).
    ///
    /// - Precondition: `input` has d columns.
    public func layer(_ block: LlamaBlockWeights, on input: Matrix) -> LlamaLayerOutput {
        precondition(input.columns == configuration.hiddenSize, "a block on width \(input.columns)")
        let normalized = attentionInput(scale: block.attentionNorm, on: input)
        let queries = rotated(normalized.multiplied(byTransposeOf: block.query))
        let keys = rotated(normalized.multiplied(byTransposeOf: block.key))
        let values = normalized.multiplied(byTransposeOf: block.value)
        let (heads, context) = AttentionHeads.attend(queries: queries, keys: keys, values: values,
                                                     headCount: configuration.headCount, causal: true)
        let attended = context.multiplied(byTransposeOf: block.output)
        let residual = input.combined(with: attended, .add)
        let m = normalizing(residual, scale: block.feedForwardNorm)
        let gated = m.multiplied(byTransposeOf: block.gate).applying(.silu)
            .combined(with: m.multiplied(byTransposeOf: block.up), .multiply)
        let hidden = residual.combined(with: gated.multiplied(byTransposeOf: block.down), .add)
        return LlamaLayerOutput(attentionInput: normalized, queries: queries, keys: keys, values: values, heads: heads,
                                attentionOutput: attended, hiddenState: hidden)
    }

    /// What a block's attention reads of its input: `RMSNorm(input) γ` with the block's scale
    /// `attentionNorm`, without the rest of the block.
    public func attentionInput(scale attentionNorm: Matrix, on input: Matrix) -> Matrix {
        normalizing(input, scale: attentionNorm)
    }

    /// The whole decoder on `tokenIDs`: the embeddings, every block in turn, then the final RMSNorm.
    ///
    /// - Returns: `layerCount + 1` hidden states in the order of `transformers`' `hidden_states` (the
    ///   embeddings, the outputs of blocks 0 … layers − 2, and the last block's output after the final
    ///   norm), and each block's full output.
    /// - Throws: As ``embeddings(of:)``.
    public func encode(_ tokenIDs: [Int]) throws -> (hiddenStates: [Matrix], layers: [LlamaLayerOutput]) {
        var input = try embeddings(of: tokenIDs), states: [Matrix] = [], outputs: [LlamaLayerOutput] = []
        for index in 0..<configuration.layerCount {
            states.append(input)
            let output = layer(try weights.block(index), on: input)
            outputs.append(output)
            input = output.hiddenState
        }
        return (states + [normalizing(input, scale: try weights.finalNorm())], outputs)
    }

    /// `x / √(mean(x²) + ε) · γ` over each row of `x` (`LlamaRMSNorm`).
    private func normalizing(_ x: Matrix, scale: Matrix) -> Matrix {
        let meanSquares = x.zipped(with: x, *).rowSums().scaled(by: 1 / Double(x.columns))
        return x.combined(with: meanSquares.mapped { 1 / ($0 + configuration.rmsNormEpsilon).squareRoot() }, .multiply)
            .combined(with: scale, .multiply)
    }

    /// Every head of `x` (n × heads · d_k, position p = row p) rotated by RoPE with rotate-half pairs.
    private func rotated(_ x: Matrix) -> Matrix {
        let dk = configuration.headWidth
        let theta = Matrix.rotaryFrequencies(base: configuration.ropeBase, rotaryDimensions: dk)
        let angles = Matrix(rows: x.rows, columns: 1) { p, _ in Double(p) }.multiplied(by: theta)
        let cos = angles.mapped(Foundation.cos), sin = angles.mapped(Foundation.sin)
        return Matrix.concatenatingColumns((0..<(x.columns / dk)).map { head in
            x.columns((head * dk)..<((head + 1) * dk)).rotatingPairs(.halves, cos: cos, sin: sin, rotaryDimensions: dk)
        })
    }
}
