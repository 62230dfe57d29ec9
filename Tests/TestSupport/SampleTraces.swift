import AttentionTrace

/// Small hand-made traces with the awkward cases a renderer must survive:
/// a masked score, a token that is an HTML script, quotes, ampersands,
/// right-to-left text and emoji.
public enum SampleTraces {
    public static let scriptToken = "<script>alert(1)</script>"
    public static let sourceTokens = ["le", scriptToken, "chat 🐈"]
    public static let targetTokens = ["the", "\"cat\" & שלום"]

    public static let source = Axis(name: "source", labels: sourceTokens)
    public static func target(_ t: Int) -> Axis { Axis(name: "target", labels: [targetTokens[t]]) }

    public static let weights = Tensor(rows: [[0.5744425168116848, 0, 0.4255574831883152], [0.1, 0.3, 0.6]])

    /// An additive-shaped trace: 2 target words × 3 source words, the middle score of row 0 masked.
    public static let additive: Trace = {
        let keys = Tensor(rows: [[0.1, -0.2], [1.0 / 3.0, 0.25], [-1.5, 2.0]])
        let vA = Tensor(vector: [0.5, -0.25])
        let encode = Step(
            id: "encode", title: "Read the encoder states",
            explanation: "The keys are the encoder states, one row per source word.\nThey are given.",
            formulas: [#"h_i, v_a"#],
            tensors: [
                TracedTensor(id: "keys", symbol: "h", description: "encoder states",
                             axes: [source, Axis(name: "dimension")], values: keys, provenance: Provenance(.given)),
                TracedTensor(id: "v_a", symbol: "v_a", description: "score vector",
                             axes: [Axis(name: "dimension")], values: vA,
                             provenance: Provenance(.generated, note: "Glorot uniform, seed 7")),
            ])
        let rows = [[0.5, -.infinity, 0.2], [-0.3, 0.8, 1.5]]
        let perTarget = (0..<2).flatMap { t in
            [
                Step(id: "t\(t).score", title: "Score every source position", group: "Target word \(t + 1): \(targetTokens[t])",
                     explanation: "Compare the decoder state with each encoder state & mask <padding>.",
                     formulas: [#"e_i = v_a^\top \tanh(W_a c_i)"#, "e_{i"],
                     tensors: [
                        TracedTensor(id: "t\(t).score.e", symbol: "e", description: "scores",
                                     axes: [target(t), source], values: Tensor(rows: [rows[t]]),
                                     provenance: Provenance(.mask, ["t\(t).score.raw", "mask"])),
                     ]),
                Step(id: "t\(t).normalise", title: "Normalise the scores", group: "Target word \(t + 1): \(targetTokens[t])",
                     explanation: "Softmax turns scores into weights that sum to 1.",
                     formulas: [#"α_i = \frac{\exp(e_i)}{\sum_j \exp(e_j)}"#],
                     tensors: [
                        TracedTensor(id: "t\(t).alpha", symbol: "α", description: "attention weights",
                                     axes: [target(t), source], values: Tensor(rows: [[weights[t, 0], weights[t, 1], weights[t, 2]]]),
                                     provenance: Provenance(.normalize, ["t\(t).exp", "t\(t).sum"])),
                     ]),
            ]
        }
        let collect = Step(
            id: "weights", title: "Collect the weights",
            explanation: "Stack each target word's weights into the alignment.",
            formulas: ["A = [α_0 ; α_1]"],
            tensors: [
                TracedTensor(id: "weights", symbol: "A", description: "alignment",
                             axes: [Axis(name: "target", labels: targetTokens), source], values: weights,
                             provenance: Provenance(.stackRows, ["t0.alpha", "t1.alpha"])),
            ])
        return Trace(variant: "additive", sourceTokens: sourceTokens, targetTokens: targetTokens,
                     options: ["seed": "7", "score": "concat"], inputs: ["keys": keys, "v_a": vA],
                     steps: [encode] + perTarget + [collect],
                     warnings: ["Row 0 has a masked score <b>&</b>."],
                     result: ["weights": .numbers(weights, sources: ["weights"], axes: [Axis(name: "target", labels: targetTokens), source]),
                              "context": .numbers(Tensor(rows: [[0.1, 0.2], [0.3, -0.4]]))])
    }()

    /// A multi-head trace whose result weights are 2 heads × 2 × 2, unrecorded by any step.
    public static let multiHead = Trace(
        variant: "multi-head", sourceTokens: ["a", "b"], inputs: [:], steps: [],
        result: ["weights": .numbers(Tensor(shape: [2, 2, 2], scalars: [0.9, 0.1, 0.4, 0.6, 1, 0, 0.5, 0.5]),
                                     axes: [Axis(name: "head"), Axis(name: "source", labels: ["a", "b"]),
                                            Axis(name: "source", labels: ["a", "b"])])])

    /// The additive sample as a recording policy keeping at most 4 numbers a tensor would record it.
    public static let summarized: Trace = {
        var trace = SampleTraces.additive
        let policy = RecordingPolicy(largestStoredTensor: 4)
        trace.recording = policy
        for k in trace.steps.indices {
            for n in trace.steps[k].tensors.indices {
                guard let values = trace.steps[k].tensors[n].values, !policy.keepsNumbers(ofCount: values.scalars.count) else { continue }
                trace.steps[k].tensors[n].recorded = .summary(TensorSummary(values))
            }
        }
        trace.result = trace.result.mapValues { result in
            guard let values = result.values, !policy.keepsNumbers(ofCount: values.scalars.count) else { return result }
            return TraceResult(sources: result.sources, axes: result.axes, recorded: .summary(TensorSummary(values)))
        }
        return trace
    }()
}
