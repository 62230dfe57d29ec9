/// The options that tune a mechanism: a score function, head counts, windows, a mask or a position bias.
///
/// Each is `nil` when not set. A request's options override a spec's; which of them
/// a variant takes, and which values its name already fixes, is declared by the variant
/// (see ``Variant/options`` and ``Variant/impliedOptions``), and ``MechanismOption``
/// validates each value on its own.
public struct MechanismOptions: Sendable, Equatable {
    /// The number of heads, for multi-head and cross attention.
    public var heads: Int?
    /// The half-width D of a local window.
    public var window: Int?
    /// Whether to mask future positions.
    public var causal: Bool?
    /// The score function of global and local attention.
    public var score: ScoreFunction?
    /// The sliding window W of dot-product attention: query i sees keys `i − W < j ≤ i`.
    public var slidingWindow: Int?
    /// Whether dot-product scores get ALiBi's per-head linear distance penalty.
    public var alibi: Bool?
    /// The number of key and value heads the query heads share; `heads` when unset.
    public var kvHeads: Int?
    /// The pairing of rotary position embeddings, or `nil` for none.
    public var rope: RotaryPairing?
    /// The base of the rotary angles; 10000 when RoPE is on and it is unset.
    public var ropeBase: Double?
    /// The rotary dimensions of each head; all of them when unset.
    public var ropeDims: Int?
    /// Whether each head's softmax has a learned sink logit (the tensor `sinks`).
    public var sinks: Bool?
    /// The keys per block of the online softmax (`flash`).
    public var blockSize: Int?
    /// The first tokens kept beside a sliding window (StreamingLLM).
    public var sinkTokens: Int?
    /// The prompt tokens a KV-cached decoder processes at once (`kv-cache`).
    public var prefill: Int?
    /// Whether the projections of dot-product attention add biases (`b_Q`, `b_K`, `b_V`, `b_O`).
    public var bias: Bool?

    /// Creates options; `nil` means "not set".
    public init(heads: Int? = nil, window: Int? = nil, causal: Bool? = nil, score: ScoreFunction? = nil,
                slidingWindow: Int? = nil, alibi: Bool? = nil, kvHeads: Int? = nil,
                rope: RotaryPairing? = nil, ropeBase: Double? = nil, ropeDims: Int? = nil, sinks: Bool? = nil,
                blockSize: Int? = nil, prefill: Int? = nil, sinkTokens: Int? = nil, bias: Bool? = nil) {
        self.heads = heads
        self.window = window
        self.causal = causal
        self.score = score
        self.slidingWindow = slidingWindow
        self.alibi = alibi
        self.kvHeads = kvHeads
        self.rope = rope
        self.ropeBase = ropeBase
        self.ropeDims = ropeDims
        self.sinks = sinks
        self.blockSize = blockSize
        self.prefill = prefill
        self.sinkTokens = sinkTokens
        self.bias = bias
    }

    /// These options with every option `other` sets replaced by its value there.
    func overridden(by other: MechanismOptions) -> MechanismOptions {
        MechanismOptions(heads: other.heads ?? heads, window: other.window ?? window, causal: other.causal ?? causal,
                         score: other.score ?? score, slidingWindow: other.slidingWindow ?? slidingWindow,
                         alibi: other.alibi ?? alibi, kvHeads: other.kvHeads ?? kvHeads, rope: other.rope ?? rope,
                         ropeBase: other.ropeBase ?? ropeBase, ropeDims: other.ropeDims ?? ropeDims,
                         sinks: other.sinks ?? sinks, blockSize: other.blockSize ?? blockSize,
                         prefill: other.prefill ?? prefill, sinkTokens: other.sinkTokens ?? sinkTokens,
                         bias: other.bias ?? bias)
    }

    /// The options that are set, in declaration order.
    var setOptions: [MechanismOption] {
        MechanismOption.allCases.filter { $0.value(in: self) != nil }
    }

    /// The set options as a trace records them, such as `["heads": "2"]`.
    var recorded: [String: String] {
        Dictionary(uniqueKeysWithValues: MechanismOption.allCases.compactMap { option in
            option.value(in: self).map { (option.rawValue, $0) }
        })
    }
}
