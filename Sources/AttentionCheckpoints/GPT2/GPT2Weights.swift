import AttentionMath
import Foundation
import SafeTensors

/// One decoder block's parameters, by the roles their Hugging Face names give them.
public struct GPT2LayerWeights: Equatable, Sendable {
    /// `ln_1`, before the attention.
    public var attentionNorm: LayerNormWeights
    /// `attn.c_attn`: d × 3d, whose column blocks `[0, d)`, `[d, 2d)`, `[2d, 3d)` give Q, K and V.
    public var queryKeyValue: Conv1DWeights
    /// `attn.c_proj`: the d × d output projection.
    public var attentionOutput: Conv1DWeights
    /// `ln_2`, before the feed-forward block.
    public var feedForwardNorm: LayerNormWeights
    /// `mlp.c_fc`: d → intermediate size, followed by `gelu_new`.
    public var intermediate: Conv1DWeights
    /// `mlp.c_proj`: intermediate size → d.
    public var output: Conv1DWeights
}

/// Every parameter of a GPT-2-family decoder, read from a safetensors checkpoint by its Hugging Face name.
///
/// Names are those of `transformers`' `GPT2Model` (`wte.weight`, `h.N.attn.c_attn.weight`, …), with or
/// without the `transformer.` prefix that `GPT2LMHeadModel` and other task models add. GPT-2's
/// projections are `Conv1D`s, stored in × out (the transpose of `nn.Linear`), and read as stored.
/// Tensors the decoder does not use (`lm_head.weight`, the `attn.bias` and `attn.masked_bias` buffers of
/// older checkpoints) are not read. Every tensor read is checked against the configuration's sizes
/// before any value is decoded.
public struct GPT2Weights: Equatable, Sendable {
    /// `wte.weight`, vocabulary size × d.
    public var wordEmbeddings: Matrix
    /// `wpe.weight`, max positions × d.
    public var positionEmbeddings: Matrix
    /// `h.0` onwards.
    public var layers: [GPT2LayerWeights]
    /// `ln_f`, applied to the last block's output.
    public var finalNorm: LayerNormWeights

    /// The prefix task models put before every decoder name.
    static let taskModelPrefix = "transformer."

    /// Reads every decoder tensor from `file`, checking each shape against `configuration`.
    ///
    /// - Parameters:
    ///   - file: The opened checkpoint.
    ///   - configuration: The sizes every tensor must have.
    ///   - fileName: The checkpoint's name, for errors.
    /// - Throws: ``CheckpointError/missingTensor(_:file:)`` or ``CheckpointError/tensorShape(_:file:expected:found:)``
    ///   naming the first tensor that is absent or misshapen.
    public init(file: SafeTensorsFile, configuration: GPT2Configuration, fileName: String = "model.safetensors") throws {
        let reader = TensorReader(file: file, taskModelPrefix: Self.taskModelPrefix, probe: "wte.weight",
                                  fileName: fileName)
        let d = configuration.hiddenSize, inner = configuration.intermediateSize
        func conv1D(_ name: String, in width: Int, out: Int) throws -> Conv1DWeights {
            Conv1DWeights(weight: try reader.matrix("\(name).weight", rows: width, columns: out),
                          bias: try reader.row("\(name).bias", width: out))
        }
        wordEmbeddings = try reader.matrix("wte.weight", rows: configuration.vocabularySize, columns: d)
        positionEmbeddings = try reader.matrix("wpe.weight", rows: configuration.maxPositions, columns: d)
        layers = try (0..<configuration.layerCount).map { index in
            let layer = "h.\(index)"
            return GPT2LayerWeights(
                attentionNorm: try reader.layerNorm("\(layer).ln_1", width: d),
                queryKeyValue: try conv1D("\(layer).attn.c_attn", in: d, out: 3 * d),
                attentionOutput: try conv1D("\(layer).attn.c_proj", in: d, out: d),
                feedForwardNorm: try reader.layerNorm("\(layer).ln_2", width: d),
                intermediate: try conv1D("\(layer).mlp.c_fc", in: d, out: inner),
                output: try conv1D("\(layer).mlp.c_proj", in: inner, out: d))
        }
        finalNorm = try reader.layerNorm("ln_f", width: d)
    }
}
