import AttentionMath
import AttentionTrace

/// The steps of ``CachedDecodingMechanism``: the prefill, each decoding step and the output.
struct CachedDecoder {
    /// The whole sequence; row t is the token decoded at step t.
    let x: TracedMatrix
    /// The projections (and RoPE) the decoder shares with ordinary causal attention.
    let attention: DotProductAttention

    /// The cache after a step: every key and value so far.
    private struct Cache {
        var keys: TracedMatrix
        var values: TracedMatrix
    }

    /// Records the prefill of the first `prefill` rows, one step per later row, and the output.
    func trace(prefill: Int, recorder: TraceRecorder) {
        let n = x.value.rows
        recorder.begin("prefill", title: "Prefill the first \(prefill) token\(prefill == 1 ? "" : "s")", group: "Prefill",
                       explanation: "The prompt is processed at once, as ordinary causal attention: its queries, keys and values, the masked scores and the softmax. Its keys and values become the cache.",
                       formulas: ["Q = X_{0:P} W_Q", "K = X_{0:P} W_K", "V = X_{0:P} W_V", "Z = softmax(\\frac{Q K^⊤}{\\sqrt{d_k}} + mask) V"])
        let w = attention.recordedProjections(recorder: recorder)
        let prompt = recorder.rows(0..<prefill, of: x, key: "X", symbol: "X_{0:P}", "the prompt's rows")
        var (q, k) = (recorder.multiply(prompt, w.wq, key: "Q", symbol: "Q", "the prompt's queries"),
                      recorder.multiply(prompt, w.wk, key: "K", symbol: "K", "the prompt's keys"))
        let v = recorder.multiply(prompt, w.wv, key: "V", symbol: "V", "the prompt's values")
        (q, k) = rotated(q, k, from: 0, recorder: recorder)
        let scores = scaledScores(q, k, recorder: recorder)
        let allowed = recorder.record(Matrix(rows: prefill, columns: prefill) { i, j in j <= i ? 1 : 0 }, key: "M", symbol: "M",
                                      "1 where attention is allowed, 0 where it is masked", rows: scores.rows,
                                      columns: scores.columns, provenance: Provenance(.causalMask))
        let masked = recorder.mask(scores, with: allowed, key: "masked", symbol: "S", "the prompt's scores with the future masked")
        let weights = recorder.softmax(masked, symbols: .init(weights: "A"), rowDescription: "query")
        var rows = [recorder.multiply(weights, v, key: "Z", symbol: "Z", "the prompt's outputs")]
        var cache = Cache(keys: k, values: v)
        for t in prefill..<n {
            let (row, next) = step(t, cache: cache, projections: w, recorder: recorder)
            rows.append(row)
            cache = next
        }
        recorder.begin("output", title: "Collect the rows", group: "Output",
                       explanation: "The prompt's outputs and one row per decoding step, in order: the same rows as causal attention over the whole sequence, computed without ever recomputing a past key or value.",
                       formulas: ["output = [Z ; z_P ; … ; z_{n−1}]"])
        let output = recorder.stack(rows, rows: x.rows, key: "output", symbol: "output", "every position's output")
        recorder.recordResult("output", repeating: output)
    }

    /// Records decoding step `t`: the new row's projections (rotated at position t), the cache append
    /// and one query row against the whole cache.
    private func step(_ t: Int, cache: Cache, projections w: (wq: TracedMatrix, wk: TracedMatrix, wv: TracedMatrix),
                      recorder: TraceRecorder) -> (row: TracedMatrix, cache: Cache) {
        let (dk, dv, d) = (w.wq.value.columns, w.wv.value.columns, x.value.columns)
        let token = x.rows.labels.map { " (“\($0[t])”)" } ?? ""
        recorder.begin("step\(t)", title: "Decode position \(t)\(token)", group: "Decode",
                       explanation: "Only the new token is projected: one query, key and value row, \(d * (2 * dk + dv)) multiply-adds instead of \((t + 1) * d * (2 * dk + dv)) to reproject all \(t + 1) rows. Its key and value are appended to the cache, which now holds \(t + 1) keys and values, \((t + 1) * (dk + dv)) numbers. The one query row is compared with all \(t + 1) cached keys (\((t + 1) * dk) multiply-adds) and mixes \(t + 1) values (\((t + 1) * dv)); no mask is needed, because the cache holds only positions up to \(t).",
                       formulas: ["q_t = x_t W_Q,  k_t = x_t W_K,  v_t = x_t W_V", "K ← [K ; k_t],  V ← [V ; v_t]",
                                  "z_t = softmax(\\frac{q_t K^⊤}{\\sqrt{d_k}}) V"])
        let row = recorder.rows(t..<(t + 1), of: x, key: "x", symbol: "x_\(t)", "the new token's row")
        var (q, k) = (recorder.multiply(row, w.wq, key: "q", symbol: "q_\(t)", "the new token's query"),
                      recorder.multiply(row, w.wk, key: "k", symbol: "k_\(t)", "the new token's key"))
        let v = recorder.multiply(row, w.wv, key: "v", symbol: "v_\(t)", "the new token's value")
        (q, k) = rotated(q, k, from: t, recorder: recorder)
        let positions = Axis(name: x.rows.name, labels: x.rows.labels.map { Array($0[0...t]) })
        let keys = recorder.stack([cache.keys, k], rows: positions, key: "K", symbol: "K", "the key cache after the append")
        let values = recorder.stack([cache.values, v], rows: positions, key: "V", symbol: "V", "the value cache after the append")
        let scores = scaledScores(q, keys, recorder: recorder)
        let weights = recorder.softmax(scores, symbols: .init(weights: "a"), rowDescription: "query")
        let z = recorder.multiply(weights, values, key: "z", symbol: "z_\(t)", "the new token's output")
        return (z, Cache(keys: keys, values: values))
    }

    /// `Q Kᵀ / √d_k`, recorded as `QK` and `S`.
    private func scaledScores(_ q: TracedMatrix, _ k: TracedMatrix, recorder: TraceRecorder) -> TracedMatrix {
        let dk = q.value.columns
        let raw = recorder.multiply(q, transposeOf: k, key: "QK", symbol: "Q K^⊤", "the queries times the cached keys")
        return recorder.scale(raw, by: 1 / Double(dk).squareRoot(), note: "1/√d_k = 1/√\(dk)", key: "S", symbol: "S",
                              "the scaled scores")
    }

    /// `q` and `k` rotated by RoPE at the positions from `first` on, or unchanged without it.
    private func rotated(_ q: TracedMatrix, _ k: TracedMatrix, from first: Int,
                         recorder: TraceRecorder) -> (TracedMatrix, TracedMatrix) {
        guard let rotary = attention.rotary else { return (q, k) }
        let r = attention.rotaryDimensions
        let tables = rotary.tables(positions: q.value.rows, from: first, rotary: r, rows: q.rows, recorder: recorder)
        return (rotary.rotate(q, by: tables, rotary: r, key: "Q′", symbol: "Q′", "the queries rotated by their positions",
                              recorder: recorder),
                rotary.rotate(k, by: tables, rotary: r, key: "K′", symbol: "K′", "the keys rotated by their positions",
                              recorder: recorder))
    }
}
