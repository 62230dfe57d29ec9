import AttentionTrace

/// The Transformer-style mechanisms (Vaswani et al. 2017): scaled dot-product attention
/// of queries over keys and values projected from one sequence or two, with one head
/// or several, with or without a causal mask.
///
/// One type for the family, parameterised by where queries and keys come from, how
/// heads are decided and whether the name implies the mask. Each variant declares its
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
        (heads == .single ? [] : [.heads]) + (isCausal ? [] : [.causal])
    }

    var impliedOptions: MechanismOptions {
        isCausal ? MechanismOptions(causal: true) : MechanismOptions()
    }

    func resolved(_ options: MechanismOptions, tensors: TensorSource) -> MechanismOptions {
        var options = options
        if heads == .option { options.heads = options.heads ?? 1 }
        return options
    }

    func tensors(under options: MechanismOptions) -> [TensorRole] {
        let multiHead = options.heads != nil
        return [TensorRole("X", isCross ? "m × d_model" : "n × d_model",
                           isCross ? "the decoder-side sequence" : "the sequence attending over itself")]
            + (isCross ? [TensorRole("memory", "n × d_model", "the encoder-side sequence")] : [])
            + [TensorRole("W_Q", multiHead ? "d_model × d_model" : "d_model × d_k", "the query projection"),
               TensorRole("W_K", multiHead ? "d_model × d_model" : "d_model × d_k", "the key projection"),
               TensorRole("W_V", multiHead ? "d_model × d_model" : "d_model × d_v", "the value projection")]
            + (multiHead ? [TensorRole("W_O", "d_model × d_model", "the output projection of the heads")] : [])
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
        // their exponentials and the weights.
        return TraceSizeEstimate(numbers: h * Double(n) * Double(m) * 7 + 8 * Double(n + m) * d + 4 * d * d,
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
        let attention = try DotProductAttention(queries: x, sources: sources, heads: input.options.heads,
                                                causal: input.options.causal ?? false, tensors: input.tensors)
        attention.trace(recorder: recorder)
    }
}
