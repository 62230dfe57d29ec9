import AttentionMath
import AttentionTrace

/// Self-attention computed block by block over the keys with the online softmax (Milakov and
/// Gimelshein 2018), as FlashAttention (Dao et al. 2022) does, so that the n × n matrices of
/// scores and weights never exist: only one block's n × B scores.
///
/// For block b of keys `K_b`, `V_b` (B rows), with running row maximum m, running sum ℓ and
/// running unnormalised output O (all zero-width before the first block):
///
///     S_b = Q K_bᵀ / √d_k
///     m′ = max(m, max_j S_b[:, j])           (the first block: max_j S_0[:, j])
///     α = exp(m − m′)                        how much the old exponentials shrink
///     P_b = exp(S_b − m′)
///     ℓ′ = α ⊙ ℓ + Σ_j P_b[:, j]
///     O′ = α ⊙ O + P_b V_b
///
/// and at the end `output = O / ℓ` and the log-sum-exp `L = m + ln ℓ`. With the causal mask, each
/// block's scores are masked where the key's position exceeds the query's (a whole block in a
/// query's future adds nothing: α = 1 and P = 0). The output equals
/// `softmax(Q Kᵀ / √d_k) V` exactly in real arithmetic (to rounding here).
struct OnlineSoftmaxMechanism: Mechanism {
    /// The block size when the option is unset.
    static let defaultBlockSize = 2

    var name: String { "flash" }
    var summary: String { "Dao et al. 2022: self-attention by the online softmax over key blocks (FlashAttention)" }
    var sides: Variant.Sides { .sourceOnly }
    var options: [MechanismOption] { [.blockSize, .causal] }
    var impliedOptions: MechanismOptions { MechanismOptions() }

    func resolved(_ options: MechanismOptions, tensors: TensorSource) -> MechanismOptions {
        var options = options
        options.blockSize = options.blockSize ?? Self.defaultBlockSize
        return options
    }

    func tensors(under options: MechanismOptions) -> [TensorRole] {
        [TensorRole("X", "n × d_model", "the sequence attending over itself"),
         TensorRole("W_Q", "d_model × d_k", "the query projection"),
         TensorRole("W_K", "d_model × d_k", "the key projection"),
         TensorRole("W_V", "d_model × d_v", "the value projection")]
    }

    func sizeEstimate(of input: ResolvedInput, policy: RecordingPolicy) -> TraceSizeEstimate {
        let n = Double(input.length(given: ["X"], tokens: input.sourceTokens)), d = Double(input.width)
        // Per block, over all blocks: Q K_bᵀ, S_b, the shifted scores and P_b (4 n × n in all);
        // per block the running m, ℓ and O with their factors (about 8 n + 2 n d).
        let blocks = n / Double(input.options.blockSize ?? Self.defaultBlockSize)
        return TraceSizeEstimate(numbers: 4 * n * n + blocks * (8 * n + 2 * n * d) + 8 * n * d + 3 * d * d,
                                 sourceLength: Int(n), targetLength: Int(n), width: input.width, heads: nil)
    }

    func trace(_ input: ResolvedInput, recorder: TraceRecorder) throws(TraceError) {
        let sequences = SequenceEncoder(input: input, variant: name)
        let x = try sequences.sequence("X", tokens: input.sourceTokens, side: "source", positional: true, recorder: recorder)
        let attention = try DotProductAttention(queries: x, sources: x, heads: nil, pattern: ScorePattern(causal: false, slidingWindow: nil, sinkTokens: nil, alibi: false),
                                                tensors: input.tensors)
        let (q, k, v) = attention.project(recorder: recorder)
        OnlineSoftmax(blockSize: input.options.blockSize ?? Self.defaultBlockSize, causal: input.options.causal ?? false)
            .trace(q, k, v, recorder: recorder)
    }
}
