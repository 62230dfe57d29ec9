import AttentionTrace

/// Parallel co-attention (Lu et al. 2016) as a mechanism: a question (the target) and a
/// document (the source) attend to each other through one affinity matrix; see
/// ``ParallelCoAttention`` for the computation.
struct CoAttentionMechanism: Mechanism {
    let name = "co-attention"
    let summary = "Lu et al. 2016: parallel co-attention between a question and a document"
    var sides: Variant.Sides { .sourceAndTarget }
    var options: [MechanismOption] { [] }
    var impliedOptions: MechanismOptions { MechanismOptions() }

    func tensors(under options: MechanismOptions) -> [TensorRole] {
        [TensorRole("question", "T × d", "the question, one row per target word"),
         TensorRole("document", "N × d", "the document, one row per source word"),
         TensorRole("W_b", "d × d", "the affinity weights"),
         TensorRole("W_q", "k × d", "projects the question"),
         TensorRole("W_d", "k × d", "projects the document"),
         TensorRole("w_q", "k", "scores the question's features"),
         TensorRole("w_d", "k", "scores the document's features")]
    }

    func sizeEstimate(of input: ResolvedInput, policy: RecordingPolicy) -> TraceSizeEstimate {
        let n = input.length(given: ["document"], tokens: input.sourceTokens)
        let m = input.length(given: ["question"], tokens: input.targetTokens)
        return TraceSizeEstimate(numbers: Double(n) * Double(m) * 4 + 12 * Double(n + m) * Double(input.width),
                                 sourceLength: n, targetLength: m, width: input.width)
    }

    func trace(_ input: ResolvedInput, recorder: TraceRecorder) throws(TraceError) {
        let sequences = SequenceEncoder(input: input, variant: name)
        let document = try sequences.sequence("document", tokens: input.sourceTokens, side: "source", positional: false,
                                              recorder: recorder)
        let question = try sequences.sequence("question", tokens: input.targetTokens, side: "target", positional: false,
                                              width: document.value.columns, recorder: recorder)
        recorder.recordResults(try ParallelCoAttention(question: question, document: document, tensors: input.tensors)
            .trace(recorder: recorder))
    }
}

extension Variant {
    /// `co-attention`: see `Docs/mechanisms/co-attention.md`.
    public static let coAttention = Variant(CoAttentionMechanism())
}
