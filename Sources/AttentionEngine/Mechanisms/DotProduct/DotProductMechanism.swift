import AttentionTrace

/// The Transformer-style mechanisms (Vaswani et al. 2017): scaled dot-product attention
/// of queries over keys and values projected from one sequence or two, with one head
/// or several, with or without a causal mask.
///
/// One type for the family, parameterised by where queries and keys come from, how
/// heads are decided and whether the name implies the mask. Every member takes the options of
/// later models: a sliding window, ALiBi (both with the causal mask) and, with heads, grouped
/// key and value heads. Each variant declares its
/// instance in its own folder; all of them trace with ``DotProductAttention``.
struct DotProductMechanism: Mechanism {
    /// How a variant's heads are decided.
    enum Heads: Sendable, Equatable {
        /// One head without `W_O`; the `heads` option does not apply.
        case single
        /// The `heads` option, 1 when unset; always with `W_O`.
        case option
        /// The `heads` option when set (then with `W_O`); one head without `W_O` when unset.
        case optional
    }

    let name: String
    let summary: String
    /// Whether queries attend over a second sequence (`memory`) rather than their own.
    let isCross: Bool
    let heads: Heads
    /// Whether the name means the mask (`causal`); otherwise the `causal` option decides.
    let isCausal: Bool

    var sides: Variant.Sides { isCross ? .sourceAndTarget : .sourceOnly }

    var options: [MechanismOption] {
        (heads == .single ? [] : [.heads]) + (isCausal ? [] : [.causal]) + [.slidingWindow, .sinkTokens, .alibi]
            + (heads == .single ? [] : [.kvHeads]) + (isCross ? [] : [.rope, .ropeBase, .ropeDims]) + [.sinks, .bias]
    }

    var impliedOptions: MechanismOptions {
        isCausal ? MechanismOptions(causal: true) : MechanismOptions()
    }

    func resolved(_ options: MechanismOptions, tensors: TensorSource) -> MechanismOptions {
        var options = options
        if heads == .option { options.heads = options.heads ?? 1 }
        if options.rope != nil { options.ropeBase = options.ropeBase ?? RotaryEmbedding.defaultBase }
        return options
    }

    /// Refuses the options that do not combine: a sliding window or ALiBi without the causal mask
    /// (both look back only), and key and value heads without heads or not dividing them.
    func validate(_ options: MechanismOptions) throws(TraceError) {
        if let width = options.slidingWindow, options.causal != true {
            throw .invalidOption(.slidingWindow, value: String(width),
                                 reason: "sliding_window needs causal = true: the window i − W < j ≤ i looks back only")
        }
        if let count = options.sinkTokens, options.slidingWindow == nil {
            throw .invalidOption(.sinkTokens, value: String(count),
                                 reason: "sink_tokens needs sliding_window: the first tokens are kept beside a window that drops the rest")
        }
        if options.alibi == true, options.causal != true {
            throw .invalidOption(.alibi, value: "true",
                                 reason: "alibi needs causal = true: ALiBi penalises keys behind the query, −m_h · (i − j) for j ≤ i")
        }
        try RotaryEmbedding.validate(options)
        if let kvHeads = options.kvHeads {
            guard let heads = options.heads else {
                throw .invalidOption(.kvHeads, value: String(kvHeads),
                                     reason: "kv_heads needs heads: it says how many key and value heads the query heads share")
            }
            guard heads % kvHeads == 0 else {
                throw .invalidOption(.kvHeads, value: String(kvHeads),
                                     reason: "kv_heads must divide heads = \(heads), got \(kvHeads)")
            }
        }
    }

    func tensors(under options: MechanismOptions) -> [TensorRole] {
        let multiHead = options.heads != nil
        let shared = options.kvHeads.map { _ in "d_model × kv_heads·d_k" } ?? (multiHead ? "d_model × d_model" : nil)
        return [TensorRole("X", isCross ? "m × d_model" : "n × d_model",
                           isCross ? "the decoder-side sequence" : "the sequence attending over itself")]
            + (isCross ? [TensorRole("memory", "n × d_model", "the encoder-side sequence")] : [])
            + [TensorRole("W_Q", multiHead ? "d_model × d_model" : "d_model × d_k", "the query projection"),
               TensorRole("W_K", shared ?? "d_model × d_k", "the key projection"),
               TensorRole("W_V", shared ?? "d_model × d_v", "the value projection")]
            + (multiHead ? [TensorRole("W_O", "d_model × d_model", "the output projection of the heads")] : [])
            + (options.sinks == true ? [TensorRole("sinks", "h", "each head's sink logit, an extra softmax column that is dropped")] : [])
            + (options.bias == true ? biasRoles(multiHead: multiHead, shared: options.kvHeads != nil) : [])
    }

    /// The biases the `bias` option adds, one row each: `b_Q`, `b_K`, `b_V` and, with heads, `b_O`.
    private func biasRoles(multiHead: Bool, shared: Bool) -> [TensorRole] {
        let kv = shared ? "kv_heads·d_k" : (multiHead ? "d_model" : nil)
        return [TensorRole("b_Q", multiHead ? "d_model" : "d_k", "the query bias"),
                TensorRole("b_K", kv ?? "d_k", "the key bias"),
                TensorRole("b_V", kv ?? "d_v", "the value bias")]
            + (multiHead ? [TensorRole("b_O", "d_model", "the output bias")] : [])
    }

    func sizeEstimate(of input: ResolvedInput, policy: RecordingPolicy) -> TraceSizeEstimate {
        let n = input.length(given: [isCross ? "memory" : "X"], tokens: input.sourceTokens)
        let m = isCross ? input.length(given: ["X"], tokens: input.targetTokens) : n
        let headCount = input.options.heads ?? 1
        // Under a bounded policy, n x m matrices above its size are summarised as soon as
        // they are recorded, so only the head being computed holds them.
        let summarisesPairs = !policy.keepsNumbers(ofCount: n.multipliedReportingOverflow(by: m).overflow ? .max : n * m)
        let (h, d) = (Double(summarisesPairs ? 1 : headCount), Double(input.width))
        // Per head: Q Kᵀ, the scaled scores, the mask and masked scores, the shifted scores,
        // their exponentials and the weights; ALiBi's query positions, distances, bias and biased scores; a
        // sliding window's causal mask and window; the scores with a sink column and the weights without it.
        let pairsPerHead = 7.0 + (input.options.alibi == true ? 4 : 0) + (input.options.slidingWindow != nil ? 2 : 0)
            + (input.options.sinkTokens != nil ? 4 : 0)
            + (input.options.sinks == true ? 2 : 0)
        // RoPE: the angle, cosine and sine tables and the rotated queries and keys, each about n × d.
        let rotaryNumbers = input.options.rope == nil ? 0 : 5 * Double(n) * d
        return TraceSizeEstimate(numbers: h * Double(n) * Double(m) * pairsPerHead + 8 * Double(n + m) * d + 4 * d * d
                                     + rotaryNumbers,
                                 sourceLength: n, targetLength: m, width: input.width,
                                 heads: heads == .single ? nil : headCount)
    }

    func trace(_ input: ResolvedInput, recorder: TraceRecorder) throws(TraceError) {
        let sequences = SequenceEncoder(input: input, variant: name)
        let x = try sequences.sequence("X", tokens: isCross ? input.targetTokens : input.sourceTokens,
                                       side: isCross ? "target" : "source", positional: true, recorder: recorder)
        let sources = isCross
            ? try sequences.sequence("memory", tokens: input.sourceTokens, side: "source", positional: true,
                                     width: x.value.columns, recorder: recorder)
            : x
        let pattern = ScorePattern(causal: input.options.causal ?? false, slidingWindow: input.options.slidingWindow,
                                   sinkTokens: input.options.sinkTokens, alibi: input.options.alibi ?? false)
        let rotary = input.options.rope.map { pairing in
            RotaryEmbedding(pairing: pairing, base: input.options.ropeBase ?? RotaryEmbedding.defaultBase,
                            dimensions: input.options.ropeDims)
        }
        let attention = try DotProductAttention(queries: x, sources: sources, heads: input.options.heads,
                                                kvHeads: input.options.kvHeads, pattern: pattern, rotary: rotary,
                                                sinks: input.options.sinks ?? false, bias: input.options.bias ?? false,
                                                tensors: input.tensors)
        attention.trace(recorder: recorder)
    }
}
