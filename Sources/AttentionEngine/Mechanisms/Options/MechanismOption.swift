/// One option of ``MechanismOptions``, by the name a spec and the trace's `options` use.
///
/// Each option knows how to read its value from a set of options and how to check it
/// on its own; which variants take it is declared by the variants.
public enum MechanismOption: String, CaseIterable, Sendable {
    /// The number of heads.
    case heads
    /// The half-width D of a local window.
    case window
    /// Whether future positions are masked.
    case causal
    /// The score function of global and local attention.
    case score
    /// The number W of positions a sliding window lets each query see (Mistral), itself included.
    case slidingWindow = "sliding_window"
    /// Whether the scores get ALiBi's linear distance penalty (Press et al. 2022).
    case alibi
    /// The number of key and value heads that the query heads share (grouped-query attention).
    case kvHeads = "kv_heads"
    /// Rotary position embeddings on the queries and keys, with the pairing it names (Su et al. 2021).
    case rope
    /// The base of the rotary angles, `θ_k = base^(−2k/r)`.
    case ropeBase = "rope_base"
    /// The number r of rotary dimensions of each head; the rest pass through (GPT-NeoX's `rotary_pct · d_k`).
    case ropeDims = "rope_dims"
    /// A learned sink logit per head: an extra softmax column that is dropped (gpt-oss).
    case sinks
    /// The first tokens every query keeps seeing beside a sliding window (StreamingLLM's attention sinks).
    case sinkTokens = "sink_tokens"
    /// The number of keys in each block of FlashAttention's online softmax.
    case blockSize = "block_size"
    /// The number of prompt tokens a KV-cached decoder processes at once before generating.
    case prefill
    /// Whether the projections add a learned bias, as `nn.Linear` and BERT's do.
    case bias

    /// What the option means, for help texts and documentation.
    public var summary: String {
        switch self {
        case .heads: "the number of heads h; each uses d_model / h columns"
        case .window: "the half-width D of a local window"
        case .causal: "whether position i may only attend to positions j ≤ i"
        case .score: "the score function: dot, general or concat"
        case .slidingWindow: "the sliding window W: position i sees only i − W < j ≤ i (Mistral; needs causal)"
        case .alibi: "add ALiBi's penalty −m_h · (i − j) to head h's scores (Press et al. 2022; needs causal)"
        case .kvHeads: "the number of key and value heads, dividing heads: grouped-query (1: multi-query) attention"
        case .rope: "rotate queries and keys by their positions (RoPE, Su et al. 2021): half (NeoX, Llama) or interleaved (GPT-J)"
        case .ropeBase: "the base of RoPE's angles θ_k = base^(−2k/r), more than 1 (default 10000)"
        case .ropeDims: "RoPE's rotary dimensions r per head, even (default d_k; NeoX's rotary_pct · d_k)"
        case .sinkTokens: "the first S tokens every query keeps seeing beside its sliding window (StreamingLLM; needs sliding_window)"
        case .prefill: "the prompt tokens processed at once before decoding token by token, at least 1 (default 1)"
        case .blockSize: "the keys per block of the online softmax, at least 1 (default 2)"
        case .sinks: "a learned sink logit per head (tensor sinks): an extra softmax column that is dropped, so rows sum to < 1 (gpt-oss)"
        case .bias: "add a learned bias to each projection (tensors b_Q, b_K, b_V and, with heads, b_O), as nn.Linear and BERT do"
        }
    }

    /// The option's value in `options` as text (`"2"`, `"true"`, `"concat"`), or `nil` when it is not set.
    public func value(in options: MechanismOptions) -> String? {
        switch self {
        case .heads: options.heads.map(String.init)
        case .window: options.window.map(String.init)
        case .causal: options.causal.map(String.init)
        case .score: options.score?.rawValue
        case .slidingWindow: options.slidingWindow.map(String.init)
        case .alibi: options.alibi.map(String.init)
        case .kvHeads: options.kvHeads.map(String.init)
        case .rope: options.rope?.rawValue
        case .ropeBase: options.ropeBase.map { String($0) }
        case .ropeDims: options.ropeDims.map(String.init)
        case .sinks: options.sinks.map(String.init)
        case .blockSize: options.blockSize.map(String.init)
        case .prefill: options.prefill.map(String.init)
        case .sinkTokens: options.sinkTokens.map(String.init)
        case .bias: options.bias.map(String.init)
        }
    }

    /// `options` with this option unset.
    func removed(from options: MechanismOptions) -> MechanismOptions {
        var options = options
        switch self {
        case .heads: options.heads = nil
        case .window: options.window = nil
        case .causal: options.causal = nil
        case .score: options.score = nil
        case .slidingWindow: options.slidingWindow = nil
        case .alibi: options.alibi = nil
        case .kvHeads: options.kvHeads = nil
        case .rope: options.rope = nil
        case .ropeBase: options.ropeBase = nil
        case .ropeDims: options.ropeDims = nil
        case .sinks: options.sinks = nil
        case .blockSize: options.blockSize = nil
        case .prefill: options.prefill = nil
        case .sinkTokens: options.sinkTokens = nil
        case .bias: options.bias = nil
        }
        return options
    }

    /// Checks the option's value in `options` on its own, whatever the variant.
    ///
    /// - Throws: ``TraceError/invalidOption(_:value:reason:)`` for a value the option cannot take.
    func validate(in options: MechanismOptions) throws(TraceError) {
        switch self {
        case .heads:
            if let heads = options.heads, heads < 1 {
                throw .invalidOption(self, value: String(heads), reason: "heads must be at least 1, got \(heads)")
            }
        case .window:
            if let window = options.window, window < 0 {
                throw .invalidOption(self, value: String(window),
                                     reason: "window must be 0 or more (the half-width D of the local window), got \(window)")
            }
        case .causal, .alibi, .rope, .sinks, .bias:
            break
        case .score:
            if let score = options.score, !ScoreFunction.selectable.contains(score) {
                throw .invalidOption(self, value: score.rawValue, reason: ScoreFunction.unknownMessage(score.rawValue))
            }
        case .slidingWindow:
            if let width = options.slidingWindow, width < 1 {
                throw .invalidOption(self, value: String(width),
                                     reason: "sliding_window must be at least 1 (the W positions i − W < j ≤ i each query sees), got \(width)")
            }
        case .kvHeads:
            if let kvHeads = options.kvHeads, kvHeads < 1 {
                throw .invalidOption(self, value: String(kvHeads), reason: "kv_heads must be at least 1, got \(kvHeads)")
            }
        case .blockSize:
            if let size = options.blockSize, size < 1 {
                throw .invalidOption(self, value: String(size),
                                     reason: "block_size must be at least 1 (the keys each block of the online softmax reads), got \(size)")
            }
        case .sinkTokens:
            if let count = options.sinkTokens, count < 1 {
                throw .invalidOption(self, value: String(count),
                                     reason: "sink_tokens must be at least 1 (the first tokens every query keeps), got \(count)")
            }
        case .prefill:
            if let count = options.prefill, count < 1 {
                throw .invalidOption(self, value: String(count),
                                     reason: "prefill must be at least 1 (the prompt tokens before the first decoding step), got \(count)")
            }
        case .ropeBase:
            if let base = options.ropeBase, !(base > 1 && base.isFinite) {
                throw .invalidOption(self, value: String(base),
                                     reason: "rope_base must be a finite number above 1 (the angles are base^(−2k/r)), got \(base)")
            }
        case .ropeDims:
            if let dims = options.ropeDims, dims < 2 || dims % 2 != 0 {
                throw .invalidOption(self, value: String(dims),
                                     reason: "rope_dims must be even and at least 2 (RoPE rotates pairs of dimensions), got \(dims)")
            }
        }
    }
}
