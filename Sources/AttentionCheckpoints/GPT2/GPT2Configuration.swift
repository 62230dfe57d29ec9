import Foundation

/// The sizes of a GPT-2-family decoder, read from a Hugging Face `config.json`.
///
/// As ``BERTConfiguration``: every size the forward pass needs is a required key; keys that change
/// nothing in inference (dropout rates, the initialiser's range, token ids, the double-heads model's
/// summary settings, `n_ctx`) are accepted and ignored; any other key is an error with a did-you-mean.
/// `activation_function` must be `gelu_new` and `model_type` `gpt2` when present; the attention
/// variants GPT-2's code can switch on must be off (`scale_attn_weights` true,
/// `scale_attn_by_inverse_layer_idx`, `reorder_and_upcast_attn` and `add_cross_attention` false),
/// because only the plain form is implemented.
public struct GPT2Configuration: Equatable, Sendable {
    /// d, the width of every hidden state (`n_embd`).
    public var hiddenSize: Int
    /// h, the number of attention heads per layer (`n_head`); d_k = d / h.
    public var headCount: Int
    /// The number of decoder layers (`n_layer`).
    public var layerCount: Int
    /// The feed-forward width (`n_inner`, 4d when absent or `null`).
    public var intermediateSize: Int
    /// ε added to the variance in every LayerNorm (`layer_norm_epsilon`).
    public var layerNormEpsilon: Double
    /// The number of token embeddings (`vocab_size`).
    public var vocabularySize: Int
    /// The number of position embeddings, the longest input (`n_positions`).
    public var maxPositions: Int

    /// d_k, the width of one head: `hiddenSize / headCount`.
    public var headSize: Int { hiddenSize / headCount }

    /// Creates a configuration from its sizes; `intermediateSize` defaults to 4 `hiddenSize`, as GPT-2's.
    ///
    /// - Precondition: `headCount` divides `hiddenSize` (``init(json:file:)`` checks it for read files).
    public init(hiddenSize: Int, headCount: Int, layerCount: Int, intermediateSize: Int? = nil, layerNormEpsilon: Double,
                vocabularySize: Int, maxPositions: Int) {
        precondition(headCount > 0 && hiddenSize % headCount == 0, "\(headCount) heads do not divide width \(hiddenSize)")
        self.hiddenSize = hiddenSize
        self.headCount = headCount
        self.layerCount = layerCount
        self.intermediateSize = intermediateSize ?? 4 * hiddenSize
        self.layerNormEpsilon = layerNormEpsilon
        self.vocabularySize = vocabularySize
        self.maxPositions = maxPositions
    }

    /// The keys read into a size, each required.
    static let sizeKeys = ["n_embd", "n_head", "n_layer", "vocab_size", "n_positions"]
    /// Keys whose value must be one fixed string when present (`model_type` names the family).
    static let fixedKeys = ["activation_function": "gelu_new", "model_type": "gpt2"]
    /// Keys that switch on attention variants this reader does not implement unless they have these values.
    static let fixedFlags = ["scale_attn_weights": true, "scale_attn_by_inverse_layer_idx": false,
                             "reorder_and_upcast_attn": false, "add_cross_attention": false]
    /// Keys that do not affect the decoder's forward pass in inference.
    static let ignoredKeys: Set<String> = [
        "_name_or_path", "architectures", "attn_pdrop", "embd_pdrop", "resid_pdrop", "initializer_range", "n_ctx",
        "bos_token_id", "eos_token_id", "pad_token_id", "summary_activation", "summary_first_dropout",
        "summary_proj_to_labels", "summary_type", "summary_use_proj", "task_specific_params", "transformers_version",
        "torch_dtype", "dtype", "use_cache", "tie_word_embeddings", "gradient_checkpointing", "id2label", "label2id",
    ]

    /// Reads a configuration from the bytes of a `config.json`.
    ///
    /// - Parameters:
    ///   - json: The file's contents.
    ///   - file: The file's name, for errors.
    /// - Throws: ``CheckpointError`` naming the first key that is missing, unknown or invalid.
    public init(json: Data, file: String = "config.json") throws {
        let fields = try ConfigurationFields(json: json, file: file)
        let known = Set(Self.sizeKeys + ["layer_norm_epsilon", "n_inner"] + Self.fixedKeys.keys + Self.fixedFlags.keys)
            .union(Self.ignoredKeys)
        try fields.refuseUnknownKeys(known: known)
        try fields.requireFixedValues(strings: Self.fixedKeys, flags: Self.fixedFlags)
        let sizes = try Self.sizeKeys.map(fields.positiveInteger)
        let inner = try fields.optionalPositiveInteger("n_inner")
        let epsilon = try fields.positiveNumber("layer_norm_epsilon")
        guard sizes[0] % sizes[1] == 0 else {
            throw CheckpointError.invalidValue(key: "n_head", file: file, expected: "a divisor of n_embd \(sizes[0])",
                                               found: "\(sizes[1])")
        }
        self.init(hiddenSize: sizes[0], headCount: sizes[1], layerCount: sizes[2], intermediateSize: inner,
                  layerNormEpsilon: epsilon, vocabularySize: sizes[3], maxPositions: sizes[4])
    }
}
