import Foundation

/// The sizes of a BERT-family encoder, read from a Hugging Face `config.json`.
///
/// Every size the forward pass needs is a required key, so that a checkpoint is never read with a
/// guessed shape. Keys that change nothing in the encoder's forward pass (dropout rates, the
/// initialiser's range, the library version, a task head's labels) are accepted and ignored; any
/// other key is an error with a did-you-mean, so that a setting this reader does not honour is
/// never silently dropped. `hidden_act` must be `gelu` (the erf form) and `position_embedding_type`,
/// when present, `absolute`: those are the only forms implemented.
public struct BERTConfiguration: Equatable, Sendable {
    /// d, the width of every hidden state (`hidden_size`).
    public var hiddenSize: Int
    /// h, the number of attention heads per layer (`num_attention_heads`); d_k = d / h.
    public var headCount: Int
    /// The number of encoder layers (`num_hidden_layers`).
    public var layerCount: Int
    /// The feed-forward width (`intermediate_size`).
    public var intermediateSize: Int
    /// ε added to the variance in every LayerNorm (`layer_norm_eps`).
    public var layerNormEpsilon: Double
    /// The number of word-piece embeddings (`vocab_size`).
    public var vocabularySize: Int
    /// The number of position embeddings, the longest input (`max_position_embeddings`).
    public var maxPositions: Int
    /// The number of token-type (segment) embeddings (`type_vocab_size`).
    public var typeVocabularySize: Int

    /// d_k, the width of one head: `hiddenSize / headCount`.
    public var headSize: Int { hiddenSize / headCount }

    /// Creates a configuration from its sizes.
    ///
    /// - Precondition: `headCount` divides `hiddenSize` (``init(json:file:)`` checks it for read files).
    public init(hiddenSize: Int, headCount: Int, layerCount: Int, intermediateSize: Int, layerNormEpsilon: Double,
                vocabularySize: Int, maxPositions: Int, typeVocabularySize: Int) {
        precondition(headCount > 0 && hiddenSize % headCount == 0, "\(headCount) heads do not divide width \(hiddenSize)")
        self.hiddenSize = hiddenSize
        self.headCount = headCount
        self.layerCount = layerCount
        self.intermediateSize = intermediateSize
        self.layerNormEpsilon = layerNormEpsilon
        self.vocabularySize = vocabularySize
        self.maxPositions = maxPositions
        self.typeVocabularySize = typeVocabularySize
    }

    /// The keys read into a size, each required.
    static let sizeKeys = ["hidden_size", "num_attention_heads", "num_hidden_layers", "intermediate_size", "vocab_size",
                           "max_position_embeddings", "type_vocab_size"]
    /// Keys whose value must be one fixed string when present (`model_type` names the family).
    static let fixedKeys = ["hidden_act": "gelu", "position_embedding_type": "absolute", "model_type": "bert"]
    /// Keys that do not affect the encoder's forward pass in inference.
    static let ignoredKeys: Set<String> = [
        "_name_or_path", "architectures", "attention_probs_dropout_prob", "hidden_dropout_prob", "classifier_dropout",
        "gradient_checkpointing", "initializer_range", "pad_token_id", "bos_token_id", "eos_token_id", "transformers_version",
        "torch_dtype", "use_cache", "id2label", "label2id", "chunk_size_feed_forward", "output_past",
    ]

    /// Reads a configuration from the bytes of a `config.json`.
    ///
    /// - Parameters:
    ///   - json: The file's contents.
    ///   - file: The file's name, for errors.
    /// - Throws: ``CheckpointError`` naming the first key that is missing, unknown or invalid.
    public init(json: Data, file: String = "config.json") throws {
        let fields = try ConfigurationFields(json: json, file: file)
        let known = Set(Self.sizeKeys + ["layer_norm_eps"] + Self.fixedKeys.keys).union(Self.ignoredKeys)
        try fields.refuseUnknownKeys(known: known)
        try fields.requireFixedValues(strings: Self.fixedKeys)
        let sizes = try Self.sizeKeys.map(fields.positiveInteger)
        let epsilon = try fields.positiveNumber("layer_norm_eps")
        guard sizes[0] % sizes[1] == 0 else {
            throw CheckpointError.invalidValue(key: "num_attention_heads", file: file,
                                               expected: "a divisor of hidden_size \(sizes[0])", found: "\(sizes[1])")
        }
        self.init(hiddenSize: sizes[0], headCount: sizes[1], layerCount: sizes[2], intermediateSize: sizes[3],
                  layerNormEpsilon: epsilon, vocabularySize: sizes[4], maxPositions: sizes[5],
                  typeVocabularySize: sizes[6])
    }
}
