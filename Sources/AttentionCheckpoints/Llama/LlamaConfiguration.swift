import Foundation

/// The sizes of a Llama-family decoder, from a GGUF file's `llama.*` metadata (llama.cpp's names) or
/// a Hugging Face `config.json` (`transformers`' `LlamaConfig`).
///
/// | property | GGUF key | `transformers`' `LlamaConfig` |
/// |---|---|---|
/// | ``layerCount`` | `llama.block_count` | `num_hidden_layers` |
/// | ``hiddenSize`` | `llama.embedding_length` | `hidden_size` |
/// | ``intermediateSize`` | `llama.feed_forward_length` | `intermediate_size` |
/// | ``headCount`` | `llama.attention.head_count` | `num_attention_heads` |
/// | ``keyValueHeadCount`` | `llama.attention.head_count_kv` (default: the head count) | `num_key_value_heads` |
/// | ``contextLength`` | `llama.context_length` | `max_position_embeddings` |
/// | ``rmsNormEpsilon`` | `llama.attention.layer_norm_rms_epsilon` | `rms_norm_eps` |
/// | ``ropeBase`` | `llama.rope.freq_base` (default 10000) | `rope_theta` |
///
/// RoPE must rotate every dimension of a head (`llama.rope.dimension_count`, when present, is d_k) and
/// be unscaled (no `llama.rope.scaling.type` other than `none`): Llama 3's and YaRN's scaled
/// frequencies are not read.
public struct LlamaConfiguration: Equatable, Sendable {
    /// The number of decoder blocks.
    public var layerCount: Int
    /// The model width d.
    public var hiddenSize: Int
    /// The width of the SwiGLU feed-forward block.
    public var intermediateSize: Int
    /// The number of query heads h.
    public var headCount: Int
    /// The number of key and value heads, which h / kv consecutive query heads share (grouped-query attention).
    public var keyValueHeadCount: Int
    /// The longest input the model was trained on.
    public var contextLength: Int
    /// ε of RMSNorm.
    public var rmsNormEpsilon: Double
    /// The base of RoPE's angles θ_k = base^(−2k/d_k).
    public var ropeBase: Double
    /// The key ε was read from, for a trace's note: `llama.attention.layer_norm_rms_epsilon` or `rms_norm_eps`.
    public var epsilonKey: String

    /// The width d_k of each head, d / h.
    public var headWidth: Int { hiddenSize / headCount }

    /// The architecture this reader knows, `general.architecture`.
    public static let architecture = "llama"

    /// Reads the configuration of `file`.
    ///
    /// - Throws: ``CheckpointError/missingKey(_:file:)`` or ``CheckpointError/invalidValue(key:file:expected:found:)``
    ///   naming the key: another architecture, sizes that do not divide (heads into the width, key and value
    ///   heads into the heads), an odd head width, partial or scaled RoPE.
    public init(gguf file: GGUFFile) throws {
        let metadata = GGUFMetadata(file: file)
        let architecture = try metadata.string("general.architecture")
        guard architecture == Self.architecture else {
            throw CheckpointError.invalidValue(key: "general.architecture", file: file.name,
                                               expected: "'\(Self.architecture)' (the only GGUF architecture read here)",
                                               found: "'\(architecture)'")
        }
        let prefix = Self.architecture + "."
        layerCount = try metadata.integer(prefix + "block_count")
        hiddenSize = try metadata.integer(prefix + "embedding_length")
        intermediateSize = try metadata.integer(prefix + "feed_forward_length")
        headCount = try metadata.integer(prefix + "attention.head_count")
        keyValueHeadCount = try metadata.integer(prefix + "attention.head_count_kv", default: headCount)
        contextLength = try metadata.integer(prefix + "context_length")
        epsilonKey = prefix + "attention.layer_norm_rms_epsilon"
        rmsNormEpsilon = try metadata.number(epsilonKey)
        ropeBase = try metadata.number(prefix + "rope.freq_base", default: 10_000)
        func refuse(_ key: String, expected: String, found: Int) -> CheckpointError {
            .invalidValue(key: prefix + key, file: file.name, expected: expected, found: String(found))
        }
        guard hiddenSize % headCount == 0, (hiddenSize / headCount) % 2 == 0 else {
            throw refuse("attention.head_count", expected: "a divisor of the width \(hiddenSize) leaving an even head width",
                         found: headCount)
        }
        guard headCount % keyValueHeadCount == 0 else {
            throw refuse("attention.head_count_kv", expected: "a divisor of the head count \(headCount)", found: keyValueHeadCount)
        }
        let rotary = try metadata.integer(prefix + "rope.dimension_count", default: hiddenSize / headCount)
        guard rotary == hiddenSize / headCount else {
            throw refuse("rope.dimension_count", expected: "the head width \(hiddenSize / headCount) (partial RoPE is not read)",
                         found: rotary)
        }
        if let scaling = try metadata.optionalString(prefix + "rope.scaling.type"), scaling != "none" {
            throw CheckpointError.invalidValue(key: prefix + "rope.scaling.type", file: file.name,
                                               expected: "'none' (scaled RoPE frequencies are not read)", found: "'\(scaling)'")
        }
    }

    /// The keys of a Hugging Face `config.json` read into a size, each required.
    static let sizeKeys = ["hidden_size", "intermediate_size", "num_hidden_layers", "num_attention_heads",
                           "max_position_embeddings"]
    /// Keys whose value must be one fixed string when present.
    static let fixedKeys = ["hidden_act": "silu", "model_type": architecture]
    /// Keys that switch on what this reader does not implement unless they have these values.
    static let fixedFlags = ["attention_bias": false, "mlp_bias": false]
    /// Keys that do not affect the decoder's forward pass in inference (the head is not read; the
    /// embedding table's rows are the vocabulary's size).
    static let ignoredKeys: Set<String> = [
        "vocab_size", "_name_or_path", "architectures", "attention_dropout", "initializer_range", "pretraining_tp", "bos_token_id",
        "eos_token_id", "pad_token_id", "transformers_version", "torch_dtype", "dtype", "use_cache", "tie_word_embeddings",
        "id2label", "label2id",
    ]

    /// Reads the configuration of a Hugging Face `config.json`.
    ///
    /// RoPE's base is `rope_theta`, at the top (older files) or in `rope_parameters` (`transformers` 5),
    /// 10000 when neither has it; `rope_scaling` must be `null` and `rope_parameters.rope_type`
    /// `default`; `head_dim`, when present, must be the width over the heads.
    ///
    /// - Throws: ``CheckpointError`` naming the first key that is missing, unknown (with a did-you-mean)
    ///   or invalid.
    public init(json: Data, file: String = "config.json") throws {
        let fields = try ConfigurationFields(json: json, file: file)
        let known = Set(Self.sizeKeys + ["num_key_value_heads", "rms_norm_eps", "rope_theta", "rope_parameters", "rope_scaling",
                                         "head_dim"] + Self.fixedKeys.keys + Self.fixedFlags.keys).union(Self.ignoredKeys)
        try fields.refuseUnknownKeys(known: known)
        try fields.requireFixedValues(strings: Self.fixedKeys, flags: Self.fixedFlags)
        let sizes = try Self.sizeKeys.map(fields.positiveInteger)
        (hiddenSize, intermediateSize, layerCount, headCount, contextLength) = (sizes[0], sizes[1], sizes[2], sizes[3], sizes[4])
        keyValueHeadCount = try fields.optionalPositiveInteger("num_key_value_heads") ?? headCount
        epsilonKey = "rms_norm_eps"
        rmsNormEpsilon = try fields.positiveNumber(epsilonKey)
        func refuse(_ key: String, expected: String, found: Any) -> CheckpointError {
            .invalidValue(key: key, file: file, expected: expected, found: "\(found)")
        }
        if let scaling = fields.fields["rope_scaling"], !(scaling is NSNull) {
            throw refuse("rope_scaling", expected: "null (scaled RoPE frequencies are not read)", found: scaling)
        }
        let parameters = fields.fields["rope_parameters"] as? [String: Any]
        if let type = parameters?["rope_type"], type as? String != "default" {
            throw refuse("rope_parameters.rope_type", expected: "\"default\" (scaled RoPE frequencies are not read)", found: type)
        }
        let theta = parameters?["rope_theta"] ?? fields.fields["rope_theta"]
        if let theta {
            guard let number = theta as? NSNumber, !ConfigurationFields.isBoolean(number), number.doubleValue > 1,
                  number.doubleValue.isFinite else {
                throw refuse("rope_theta", expected: "a number above 1", found: theta)
            }
            ropeBase = number.doubleValue
        } else {
            ropeBase = 10_000
        }
        guard hiddenSize % headCount == 0, (hiddenSize / headCount) % 2 == 0 else {
            throw refuse("num_attention_heads", expected: "a divisor of hidden_size \(hiddenSize) leaving an even head width", found: headCount)
        }
        guard headCount % keyValueHeadCount == 0 else {
            throw refuse("num_key_value_heads", expected: "a divisor of num_attention_heads \(headCount)", found: keyValueHeadCount)
        }
        if let headDimension = try fields.optionalPositiveInteger("head_dim"), headDimension != hiddenSize / headCount {
            throw refuse("head_dim", expected: "hidden_size / num_attention_heads = \(hiddenSize / headCount)", found: headDimension)
        }
    }
}
