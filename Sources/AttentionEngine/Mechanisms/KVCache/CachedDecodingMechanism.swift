import AttentionMath
import AttentionTrace

/// Causal self-attention as a decoder generates it: the prompt's first `prefill` tokens at once,
/// then one token at a time, each projecting only its own query, key and value, rotating them at
/// its position (with RoPE), appending its key and value to the cache, and attending with its one
/// query row over the whole cache. The rows equal those of ``Variant/causal`` with the same
/// options (in real arithmetic; to rounding here): a past key never changes once cached, and the
/// causal mask is exactly "only what is in the cache".
struct CachedDecodingMechanism: Mechanism {
    var name: String { "kv-cache" }
    var summary: String { "causal self-attention decoded token by token against a key and value cache" }
    var sides: Variant.Sides { .sourceOnly }
    var options: [MechanismOption] { [.prefill, .rope, .ropeBase, .ropeDims] }
    var impliedOptions: MechanismOptions { MechanismOptions() }

    func resolved(_ options: MechanismOptions, tensors: TensorSource) -> MechanismOptions {
        var options = options
        options.prefill = options.prefill ?? 1
        if options.rope != nil { options.ropeBase = options.ropeBase ?? RotaryEmbedding.defaultBase }
        return options
    }

    func validate(_ options: MechanismOptions) throws(TraceError) {
        try RotaryEmbedding.validate(options)
    }

    func tensors(under options: MechanismOptions) -> [TensorRole] {
        [TensorRole("X", "n × d_model", "the prompt and the generated tokens, one row per position"),
         TensorRole("W_Q", "d_model × d_k", "the query projection"),
         TensorRole("W_K", "d_model × d_k", "the key projection"),
         TensorRole("W_V", "d_model × d_v", "the value projection")]
    }

    func sizeEstimate(of input: ResolvedInput, policy: RecordingPolicy) -> TraceSizeEstimate {
        let n = Double(input.length(given: ["X"], tokens: input.sourceTokens)), d = Double(input.width)
        // Per step t: the cache (2 (t+1) d) and one row of scores and weights (about 6 (t+1)).
        return TraceSizeEstimate(numbers: n * n * (d + 3) + 8 * n * d + 3 * d * d,
                                 sourceLength: Int(n), targetLength: Int(n), width: input.width, heads: nil)
    }

    func trace(_ input: ResolvedInput, recorder: TraceRecorder) throws(TraceError) {
        let sequences = SequenceEncoder(input: input, variant: name)
        let x = try sequences.sequence("X", tokens: input.sourceTokens, side: "source", positional: true, recorder: recorder)
        let n = x.value.rows, prefill = input.options.prefill ?? 1
        guard prefill <= n else {
            throw .invalidOption(.prefill, value: String(prefill),
                                 reason: "prefill must be at most the sequence length n = \(n), got \(prefill)")
        }
        let rotary = input.options.rope.map { pairing in
            RotaryEmbedding(pairing: pairing, base: input.options.ropeBase ?? RotaryEmbedding.defaultBase,
                            dimensions: input.options.ropeDims)
        }
        let attention = try DotProductAttention(queries: x, sources: x, heads: nil,
                                                pattern: ScorePattern(causal: true, slidingWindow: nil, sinkTokens: nil, alibi: false),
                                                rotary: rotary, tensors: input.tensors)
        CachedDecoder(x: x, attention: attention).trace(prefill: prefill, recorder: recorder)
    }
}
