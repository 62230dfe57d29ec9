/// The sizes of a Llama-family decoder, from a GGUF file's `llama.*` metadata (llama.cpp's names).
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
        rmsNormEpsilon = try metadata.number(prefix + "attention.layer_norm_rms_epsilon")
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
}
