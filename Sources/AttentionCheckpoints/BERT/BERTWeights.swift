import AttentionMath
import Foundation
import SafeTensors

/// One encoder layer's parameters, by the roles their Hugging Face names give them.
public struct BERTLayerWeights: Equatable, Sendable {
    /// `attention.self.query`, `.key`, `.value`: d × d projections with biases.
    public var query: LinearWeights, key: LinearWeights, value: LinearWeights
    /// `attention.output.dense`: the d × d output projection.
    public var attentionOutput: LinearWeights
    /// `attention.output.LayerNorm`, after the attention's residual.
    public var attentionNorm: LayerNormWeights
    /// `intermediate.dense`: d → intermediate size, followed by GELU.
    public var intermediate: LinearWeights
    /// `output.dense`: intermediate size → d.
    public var output: LinearWeights
    /// `output.LayerNorm`, after the feed-forward's residual.
    public var outputNorm: LayerNormWeights
}

/// Every parameter of a BERT-family encoder, read from a safetensors checkpoint by its Hugging Face name.
///
/// Names are those of `transformers`' `BertModel` (`embeddings.word_embeddings.weight`,
/// `encoder.layer.N.attention.self.query.weight`, …), with or without the `bert.` prefix that
/// `BertForMaskedLM` and other task models add. Tensors the encoder does not use (the pooler, task
/// heads, the `position_ids` buffer) are not read. Every tensor read is checked against the
/// configuration's sizes before any value is decoded.
public struct BERTWeights: Equatable, Sendable {
    /// `embeddings.word_embeddings.weight`, vocabulary size × d.
    public var wordEmbeddings: Matrix
    /// `embeddings.position_embeddings.weight`, max positions × d.
    public var positionEmbeddings: Matrix
    /// `embeddings.token_type_embeddings.weight`, type vocabulary size × d.
    public var tokenTypeEmbeddings: Matrix
    /// `embeddings.LayerNorm`.
    public var embeddingNorm: LayerNormWeights
    /// `encoder.layer.0` onwards.
    public var layers: [BERTLayerWeights]

    /// The prefix task models put before every encoder name.
    static let taskModelPrefix = "bert."

    /// Reads every encoder tensor from `file`, checking each shape against `configuration`.
    ///
    /// - Parameters:
    ///   - file: The opened checkpoint.
    ///   - configuration: The sizes every tensor must have.
    ///   - fileName: The checkpoint's name, for errors.
    /// - Throws: ``CheckpointError/missingTensor(_:file:)`` or ``CheckpointError/tensorShape(_:file:expected:found:)``
    ///   naming the first tensor that is absent or misshapen.
    public init(file: SafeTensorsFile, configuration: BERTConfiguration, fileName: String = "model.safetensors") throws {
        let reader = TensorReader(file: file, taskModelPrefix: Self.taskModelPrefix,
                                  probe: "embeddings.word_embeddings.weight", fileName: fileName)
        let d = configuration.hiddenSize, inner = configuration.intermediateSize
        func linear(_ name: String, out: Int, in width: Int) throws -> LinearWeights {
            LinearWeights(weight: try reader.matrix("\(name).weight", rows: out, columns: width),
                          bias: try reader.row("\(name).bias", width: out))
        }
        func norm(_ name: String) throws -> LayerNormWeights { try reader.layerNorm(name, width: d) }
        wordEmbeddings = try reader.matrix("embeddings.word_embeddings.weight", rows: configuration.vocabularySize, columns: d)
        positionEmbeddings = try reader.matrix("embeddings.position_embeddings.weight", rows: configuration.maxPositions,
                                               columns: d)
        tokenTypeEmbeddings = try reader.matrix("embeddings.token_type_embeddings.weight",
                                                rows: configuration.typeVocabularySize, columns: d)
        embeddingNorm = try norm("embeddings.LayerNorm")
        layers = try (0..<configuration.layerCount).map { index in
            let layer = "encoder.layer.\(index)"
            return BERTLayerWeights(
                query: try linear("\(layer).attention.self.query", out: d, in: d),
                key: try linear("\(layer).attention.self.key", out: d, in: d),
                value: try linear("\(layer).attention.self.value", out: d, in: d),
                attentionOutput: try linear("\(layer).attention.output.dense", out: d, in: d),
                attentionNorm: try norm("\(layer).attention.output.LayerNorm"),
                intermediate: try linear("\(layer).intermediate.dense", out: inner, in: d),
                output: try linear("\(layer).output.dense", out: d, in: inner),
                outputNorm: try norm("\(layer).output.LayerNorm"))
        }
    }
}
