import AttentionMath
import AttentionTrace

/// What a head does to its scaled scores before the softmax: ALiBi's distance penalty, and which
/// keys each query may see (the causal mask, narrowed to a sliding window).
///
/// - ALiBi (Press et al. 2022): head `h` of `H` adds `B_ij = −m_h · (i − j)`, with the slope
///   `m_h` of ``ALiBiSlopes``, so a key is penalised in proportion to how far it lies behind the
///   query; the model has no position embeddings otherwise. PyTorch: an additive float
///   `attn_mask`.
/// - Causal: `j ≤ i`. Sliding window (Mistral, Jiang et al. 2023): `i − W < j ≤ i`, recorded as
///   the causal mask times the window `|j − i| ≤ W − 1` (the window of local attention, centred
///   on the query's own position). PyTorch: a boolean `attn_mask`, `True` where allowed.
///
/// - Kept first tokens (StreamingLLM, Xiao et al. 2024): beside the window, every query keeps
///   seeing the first S positions, `j < S`: the window of half-width (S − 1)/2 around (S − 1)/2,
///   joined to the sliding window by a logical or, `W + F − W ⊙ F`.
///
/// Both need the causal mask: the penalty and the window look back only.
struct ScorePattern: Sendable, Equatable {
    /// Whether query position `i` may only attend to positions `j ≤ i`.
    let causal: Bool
    /// The window W of the sliding window, or `nil` for none.
    let slidingWindow: Int?
    /// The first positions every query keeps seeing beside the sliding window, or `nil` for none.
    let sinkTokens: Int?
    /// Whether the scores get ALiBi's penalty.
    let alibi: Bool

    /// Records the adjustments of one head's scores `scores`: head `head` of `heads` (for its ALiBi slope).
    func adjust(_ scores: TracedMatrix, head: Int, of heads: Int, prefix: String, group: String,
                recorder: TraceRecorder) -> TracedMatrix {
        var scores = scores
        if alibi { scores = penalise(scores, head: head, of: heads, prefix: prefix, group: group, recorder: recorder) }
        if causal { scores = mask(scores, prefix: prefix, group: group, recorder: recorder) }
        return scores
    }

    private func penalise(_ scores: TracedMatrix, head: Int, of heads: Int, prefix: String, group: String,
                          recorder: TraceRecorder) -> TracedMatrix {
        let slope = ALiBiSlopes.slopes(heads: heads)[head]
        let formula = ALiBiSlopes.formula(head: head, heads: heads)
        recorder.begin("\(prefix)alibi", title: "Penalise distance (ALiBi)", group: group,
                       explanation: "ALiBi gives no position embeddings; instead each head subtracts from score (i, j) its slope m_h times the distance i − j, so the further back a key lies, the less it scores. Head \(head) of \(heads) has m_\(head) = \(formula) = \(slope); the heads' slopes form a geometric sequence, so some heads look far back and others mostly at their neighbours.",
                       formulas: ["B_{ij} = −m_h (i − j)", "m_h = 2^{−8(h+1)/H}", "S′ = S + B"])
        let queryPositions = recorder.record(
            Matrix(rows: scores.value.rows, columns: scores.value.columns) { i, _ in Double(i) },
            key: "i", symbol: "i", "the query's position i, in every column",
            rows: scores.rows, columns: scores.columns, provenance: Provenance(.constant, note: "the query's position i"))
        let keyPositions = recorder.record(
            Matrix(rows: 1, columns: scores.value.columns) { _, j in Double(j) },
            key: "j", symbol: "j", "each key's position j",
            rows: Axis(name: "position"), columns: scores.columns, provenance: Provenance(.constant, note: "the key's position j"))
        let distance = recorder.subtract(queryPositions, keyPositions, key: "distance", symbol: "i − j",
                                         "how far key j lies behind query i")
        let bias = recorder.scale(distance, by: -slope, note: "−m_\(head) = −\(formula)", key: "B", symbol: "B",
                                  "ALiBi's penalty of head \(head): −m_\(head) (i − j)")
        return recorder.add([scores, bias], key: "biased", symbol: "S", "the scores with ALiBi's penalty")
    }

    private func mask(_ scores: TracedMatrix, prefix: String, group: String, recorder: TraceRecorder) -> TracedMatrix {
        let (rows, columns) = (scores.value.rows, scores.value.columns)
        let causalMask = Matrix(rows: rows, columns: columns) { i, j in j <= i ? 1 : 0 }
        guard let width = slidingWindow else {
            recorder.begin("\(prefix)mask", title: "Mask the future", group: group,
                           explanation: "Position i may only attend to positions j ≤ i: the scores above the diagonal are replaced by −∞, so the softmax gives them exactly 0. This is what lets a language model be trained on whole sentences without seeing the words it must predict.",
                           formulas: ["S_{ij} = −∞ for j > i"])
            let mask = recorder.record(causalMask, key: "M", symbol: "M", "1 where attention is allowed, 0 where it is masked",
                                       rows: scores.rows, columns: scores.columns, provenance: Provenance(.causalMask))
            return recorder.mask(scores, with: mask, key: "masked", symbol: "S", "the scores with the future masked")
        }
        recorder.begin("\(prefix)mask", title: "Mask the future and all but the last \(width) positions", group: group,
                       explanation: (sinkTokens.map { "StreamingLLM keeps the first S = \($0) positions visible to every query beside the window: models pile attention on the first tokens, and dropping them from the window breaks generation. " } ?? "")
                           + "A sliding window of W = \(width) lets position i see only itself and the \(width - 1) positions before it, i − W < j ≤ i: the causal mask (j ≤ i) times a window of half-width W − 1 = \(width - 1) around i. Everything else becomes −∞. Each layer looks back W positions, but stacked layers pass information further, which is how Mistral keeps its cost linear in the length.",
                       formulas: sinkTokens == nil ? ["M_{ij} = 1 \\text{ if } i − W < j ≤ i", "M = C ⊙ W"]
                           : ["M_{ij} = 1 \\text{ if } j ≤ i \\text{ and } (i − W < j \\text{ or } j < S)", "M = C ⊙ (W + F − W ⊙ F)"])
        let causal = recorder.record(causalMask, key: "causal", symbol: "C", "1 where j ≤ i",
                                     rows: scores.rows, columns: scores.columns, provenance: Provenance(.causalMask))
        let centres = recorder.record(Matrix(rows: rows, columns: 1) { i, _ in Double(i) }, key: "centre", symbol: "i",
                                      "each query's own position, the centre of its window",
                                      rows: scores.rows, columns: Axis(name: "position"),
                                      provenance: Provenance(.constant, note: "the query's position i"))
        let halfWidth = Double(width - 1)
        let window = recorder.record(Matrix(rows: rows, columns: columns) { i, j in abs(Double(j - i)) <= halfWidth ? 1 : 0 },
                                     key: "window", symbol: "W", "1 where |j − i| ≤ W − 1",
                                     rows: scores.rows, columns: scores.columns,
                                     provenance: Provenance(.window, [centres.id], factor: halfWidth))
        let kept = sinkTokens.map { keepFirst($0, besides: window, scores: scores, recorder: recorder) } ?? window
        let mask = recorder.hadamard(causal, kept, key: "M", symbol: "M",
                                     sinkTokens == nil ? "1 where i − W < j ≤ i, 0 where it is masked"
                                         : "1 where j ≤ i and (i − W < j or j < S), 0 where it is masked")
        return recorder.mask(scores, with: mask, key: "masked", symbol: "S", "the scores outside the sliding window masked")
    }

    /// Records the first `count` positions (F, 1 where j < S) and their union with `window`, `W + F − W ⊙ F`.
    private func keepFirst(_ count: Int, besides window: TracedMatrix, scores: TracedMatrix,
                           recorder: TraceRecorder) -> TracedMatrix {
        let (rows, columns) = (scores.value.rows, scores.value.columns)
        let middle = Double(count - 1) / 2
        let centres = recorder.record(Matrix(rows: rows, columns: 1, repeating: middle), key: "first-centre", symbol: "c",
                                      "the middle of the first S positions, (S − 1)/2", rows: scores.rows,
                                      columns: Axis(name: "position"),
                                      provenance: Provenance(.constant, note: "(S − 1)/2 with S = \(count) kept first tokens"))
        let first = recorder.record(Matrix(rows: rows, columns: columns) { _, j in abs(Double(j) - middle) <= middle ? 1 : 0 },
                                    key: "first", symbol: "F", "1 where j < S: the kept first tokens",
                                    rows: scores.rows, columns: scores.columns,
                                    provenance: Provenance(.window, [centres.id], factor: middle))
        let both = recorder.hadamard(window, first, key: "both", symbol: "W ⊙ F", "1 where a position is in both")
        let either = recorder.add([window, first], key: "either", symbol: "W + F", "the window plus the first tokens")
        return recorder.subtract(either, both, key: "kept", symbol: "W ∨ F", "1 in the window or among the first S tokens")
    }
}
