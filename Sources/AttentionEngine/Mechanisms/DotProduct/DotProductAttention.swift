import AttentionMath
import AttentionTrace

/// Scaled dot-product attention (Vaswani et al. 2017) in its four uses:
///
/// - self: queries, keys and values all come from `X`;
/// - causal: self-attention with future positions masked;
/// - multi-head: `h` heads of width `d_k = d_model / h` in parallel, concatenated
///   and projected by `W_O`;
/// - cross: queries from `X` (the decoder side), keys and values from `memory`.
///
/// One head computes `Q = X W_Q`, `K = M W_K`, `V = M W_V` (each plus its bias `b_Q`, `b_K`,
/// `b_V` under the `bias` option), `S = Q Kᵀ / √d_k`, `A = softmax(S)` by rows and `Z = A V`.
struct DotProductAttention {
    /// Where the queries come from.
    let queries: TracedMatrix
    /// Where the keys and values come from: `queries` itself, or `memory`.
    let sources: TracedMatrix
    /// The number of heads with an output projection, or `nil` for one head without `W_O`.
    let heads: Int?
    /// What each head does to its scores before the softmax: ALiBi, the causal mask, a sliding window.
    let pattern: ScorePattern
    /// Which key and value head each query head reads, with heads; `nil` for one head.
    let groups: KeyValueGroups?
    /// The rotary position embedding of the queries and keys of each head, or `nil` for none.
    let rotary: RotaryEmbedding?
    /// The rotary dimensions of each head (0 without ``rotary``), as the initialiser checked them.
    let rotaryDimensions: Int
    /// Each head's sink logit (1 × h) and how it was obtained, or `nil` without sinks.
    private let sinkLogits: (Matrix, Provenance)?
    private let projections: Projections

    /// Each projection's value and how it was obtained; `W_O` only with heads.
    private struct Projections {
        var wq, wk, wv: (Matrix, Provenance)
        var wo: (Matrix, Provenance)?
        /// The biases of the `bias` option, one row each; `b_O` only with heads.
        var bq, bk, bv, bo: (Matrix, Provenance)?
    }

    /// Checks the shapes of the projections (given or generated) and the head count.
    ///
    /// - Parameter kvHeads: The key and value heads the `heads` query heads share (grouped-query
    ///   attention); `nil` for as many as `heads`. The caller has checked that it divides `heads`.
    ///   - rotary: The rotary position embedding of queries and keys, if any.
    ///   - sinks: Whether each head's softmax gets the sink logit of the tensor `sinks` as an extra, dropped column.
    ///   - bias: Whether each projection adds its bias (`b_Q`, `b_K`, `b_V`, and `b_O` with heads).
    /// - Throws: ``TraceError/shapeMismatch(tensor:expected:found:because:)``,
    ///   ``TraceError/headsDoNotDivide(heads:width:)`` when `heads` does not divide `d_model`, and
    ///   ``TraceError/invalidOption(_:value:reason:)`` for rotary dimensions a head does not have.
    init(queries: TracedMatrix, sources: TracedMatrix, heads: Int?, kvHeads: Int? = nil, pattern: ScorePattern,
         rotary: RotaryEmbedding? = nil, sinks: Bool = false, bias: Bool = false, tensors: TensorSource) throws(TraceError) {
        self.queries = queries
        self.sources = sources
        self.heads = heads
        self.pattern = pattern
        self.rotary = rotary
        let d = queries.value.columns
        sinkLogits = sinks ? try tensors.vector("sinks", count: heads ?? 1, because: "one sink logit per head, h = \(heads ?? 1)") : nil
        if let heads {
            guard heads >= 1, d % heads == 0 else {
                throw TraceError.headsDoNotDivide(heads: heads, width: d)
            }
            let groups = KeyValueGroups(heads: heads, kvHeads: kvHeads ?? heads)
            precondition(heads % groups.kvHeads == 0, "kv_heads \(groups.kvHeads) does not divide heads \(heads)")
            self.groups = groups
            func square(_ name: String) throws(TraceError) -> (Matrix, Provenance) {
                try tensors.matrix(name, rows: d, columns: d, because: "d_model x d_model, d_model = \(d)")
            }
            let kvWidth = groups.kvHeads * (d / heads)
            func shared(_ name: String) throws(TraceError) -> (Matrix, Provenance) {
                groups.isUngrouped ? try square(name)
                    : try tensors.matrix(name, rows: d, columns: kvWidth,
                                         because: "d_model x kv_heads·d_k, d_model = \(d), kv_heads = \(groups.kvHeads), d_k = \(d / heads)")
            }
            var projections = Projections(wq: try square("W_Q"), wk: try shared("W_K"), wv: try shared("W_V"), wo: try square("W_O"))
            if bias {
                let kvBecause = groups.isUngrouped ? "d_model = \(d)" : "kv_heads·d_k = \(kvWidth), as W_K's columns"
                projections.bq = try tensors.vector("b_Q", count: d, because: "one bias per column of Q, d_model = \(d)")
                projections.bk = try tensors.vector("b_K", count: kvWidth, because: "one bias per column of K, \(kvBecause)")
                projections.bv = try tensors.vector("b_V", count: kvWidth, because: "one bias per column of V, \(kvBecause)")
                projections.bo = try tensors.vector("b_O", count: d, because: "one bias per column of the output, d_model = \(d)")
            }
            self.projections = projections
            rotaryDimensions = try rotary?.rotaryDimensions(headWidth: d / heads) ?? 0
        } else {
            groups = nil
            let dk = tensors.given["W_Q"]?.columnCount ?? tensors.given["W_K"]?.columnCount ?? d
            let dv = tensors.given["W_V"]?.columnCount ?? d
            var projections = Projections(
                wq: try tensors.matrix("W_Q", rows: d, columns: dk, because: "d_model x d_k, d_model = \(d)"),
                wk: try tensors.matrix("W_K", rows: d, columns: dk, because: "d_model x d_k, with d_k = \(dk) from W_Q"),
                wv: try tensors.matrix("W_V", rows: d, columns: dv, because: "d_model x d_v, d_model = \(d)"))
            if bias {
                projections.bq = try tensors.vector("b_Q", count: dk, because: "one bias per column of Q, d_k = \(dk)")
                projections.bk = try tensors.vector("b_K", count: dk, because: "one bias per column of K, d_k = \(dk)")
                projections.bv = try tensors.vector("b_V", count: dv, because: "one bias per column of V, d_v = \(dv)")
            }
            self.projections = projections
            rotaryDimensions = try rotary?.rotaryDimensions(headWidth: dk) ?? 0
        }
    }

    /// Records the `project` step: `W_Q`, `Q`, `W_K`, `K`, `W_V` and `V`; under the `bias` option also
    /// each product (`XW_Q`, …) and bias (`b_Q`, …) before their sum.
    func project(recorder: TraceRecorder) -> (q: TracedMatrix, k: TracedMatrix, v: TracedMatrix) {
        let biased = projections.bq != nil
        let plus = { (name: String) in biased ? " + b_\(name)" : "" }
        recorder.begin("project", title: "Project into queries, keys and values", group: "Step 2 · Project",
                       explanation: projectionExplanation + (biased ? " Each projection then adds its learned bias, one number per column, to every row, as nn.Linear does." : ""),
                       formulas: [Formula("Q = X W_Q" + plus("Q")), Formula("K = \(sourceSymbol) W_K" + plus("K")),
                                  Formula("V = \(sourceSymbol) W_V" + plus("V"))])
        let q = projected(queries, by: projections.wq, bias: projections.bq, "Q", "the queries: what each position looks for",
                          recorder: recorder)
        let k = projected(sources, by: projections.wk, bias: projections.bk, "K", "the keys: what each position offers",
                          recorder: recorder)
        let v = projected(sources, by: projections.wv, bias: projections.bv, "V", "the values: what each position passes on",
                          recorder: recorder)
        return (q, k, v)
    }

    /// `x W_name`, plus `b_name` when there is a bias: the product is then recorded as `xW_name` before the sum.
    private func projected(_ x: TracedMatrix, by weight: (Matrix, Provenance), bias: (Matrix, Provenance)?, _ name: String,
                           _ description: String, recorder: TraceRecorder) -> TracedMatrix {
        let w = projection(weight, "W_\(name)", recorder: recorder)
        guard let bias else { return recorder.multiply(x, w, key: name, symbol: name, description) }
        let inputSymbol = name == "Q" ? "X" : sourceSymbol
        let product = recorder.multiply(x, w, key: "\(inputSymbol)W_\(name)", symbol: "\(inputSymbol) W_\(name)",
                                        "the product before the bias")
        let b = recorder.input(bias.0, name: "b_\(name)", symbol: "b_\(name)", "the learned bias of \(name)", rows: Axis(name: ""),
                               columns: Axis(name: "dimension"), provenance: bias.1, asVector: true)
        return recorder.add([product, b], key: name, symbol: name, description)
    }

    /// Records `W_Q`, `W_K` and `W_V` as inputs in the current step, for a mechanism that projects
    /// row by row (a cached decoder) rather than the whole sequence at once.
    func recordedProjections(recorder: TraceRecorder) -> (wq: TracedMatrix, wk: TracedMatrix, wv: TracedMatrix) {
        (projection(projections.wq, "W_Q", recorder: recorder), projection(projections.wk, "W_K", recorder: recorder),
         projection(projections.wv, "W_V", recorder: recorder))
    }

    /// Records a projection as the input `name` where it is first used.
    private func projection(_ projection: (Matrix, Provenance), _ name: String, recorder: TraceRecorder) -> TracedMatrix {
        recorder.input(projection.0, name: name, "a learned projection", rows: Axis(name: "dimension"),
                       columns: Axis(name: "dimension"), provenance: projection.1)
    }

    /// Records every step and the results: `weights` (`m x n`, or `h x m x n` with heads) and `output`.
    func trace(recorder: TraceRecorder) {
        let group = "Step 2 · Project"
        let (q, k, v) = project(recorder: recorder)
        guard let heads, let groups, let wo = projections.wo else {
            let (rq, rk) = rotated([q], [k], group: group, recorder: recorder)
            let sinks = recordSinks(group: group, recorder: recorder)
            let head = attend(rq[0], rk[0], v, head: 0, sinks: sinks, prefix: "", group: "Step 3 · Attend", recorder: recorder)
            recorder.recordResult("weights", repeating: head.weights)
            recorder.recordResult("output", repeating: head.output)
            return
        }

        let dk = q.value.columns / heads
        let sharing = groups.isUngrouped ? ""
            : " " + groups.explanation(width: dk, positions: k.value.rows)
        recorder.begin("split", title: "Split into \(heads) heads", group: group,
                       explanation: "Each head gets its own slice of d_k = d_model / h = \(dk) columns of Q"
                           + (groups.isUngrouped ? ", K and V: " : ": ")
                           + (0..<heads).map { "head \($0) uses columns \($0 * dk)–\(($0 + 1) * dk - 1)" }.joined(separator: "; ")
                           + ". The heads attend independently, so each can learn to look for something different." + sharing,
                       formulas: groups.isUngrouped ? ["Q_j = Q[:, j d_k : (j+1) d_k]", "d_k = d_{model} / h"]
                           : ["Q_j = Q[:, j d_k : (j+1) d_k]", "d_k = d_{model} / h", "K_g = K[:, g d_k : (g+1) d_k]",
                              "g(j) = ⌊j · kv_{heads} / h⌋"])
        func slice(_ index: Int) -> Range<Int> { (index * dk)..<((index + 1) * dk) }
        // In head order, each key and value head when its first reader needs it: Q_0, K_0, V_0, Q_1, ….
        var split: [(TracedMatrix, TracedMatrix, TracedMatrix)] = []
        var keysAndValues: [(TracedMatrix, TracedMatrix)] = []
        for j in 0..<heads {
            let qj = recorder.columns(slice(j), of: q, key: "Q\(j)", symbol: "Q_\(j)", "the queries of head \(j)")
            let g = groups.kvHead(ofQueryHead: j)
            if g == keysAndValues.count {
                let readers = groups.isUngrouped ? "head \(g)"
                    : "query heads " + (0..<heads).filter { groups.kvHead(ofQueryHead: $0) == g }.map(String.init).joined(separator: ", ")
                keysAndValues.append((recorder.columns(slice(g), of: k, key: "K\(g)", symbol: "K_\(g)", "the keys of \(readers)"),
                                      recorder.columns(slice(g), of: v, key: "V\(g)", symbol: "V_\(g)", "the values of \(readers)")))
            }
            split.append((qj, keysAndValues[g].0, keysAndValues[g].1))
        }
        let (rotatedQueries, rotatedKeys) = rotated(split.map(\.0), keysAndValues.map(\.0), group: group, recorder: recorder)
        split = split.indices.map { j in (rotatedQueries[j], rotatedKeys[groups.kvHead(ofQueryHead: j)], split[j].2) }
        let sinks = recordSinks(group: group, recorder: recorder)
        // Each head's weights go into the result as soon as the head is done, so that
        // under a bounded recording policy no head's n x n matrices outlive it.
        var weights = recorder.stackedResult(count: heads, rows: q.value.rows, columns: k.value.rows)
        var outputs: [TracedMatrix] = []
        for (j, qkv) in split.enumerated() {
            let head = attend(qkv.0, qkv.1, qkv.2, head: j, sinks: sinks, prefix: "head\(j).", group: "Head \(j + 1) of \(heads) (j = \(j))",
                              recorder: recorder)
            recorder.append(head.weights, to: &weights)
            outputs.append(head.output)
        }

        recorder.begin("concat", title: "Concatenate the heads", group: "Output",
                       explanation: "The heads' outputs are placed side by side, giving back d_model columns.",
                       formulas: ["Z = [Z_0 ; … ; Z_{h−1}]"])
        let z = recorder.concatenate(outputs, rows: queries.rows, columns: Axis(name: "dimension"),
                                     key: "Z", symbol: "Z", "every head's output, side by side")
        let biasText = projections.bo == nil
            ? "In PyTorch's nn.MultiheadAttention(bias=False) this is out_proj.weight = W_Oᵀ, and in_proj_weight = [W_Qᵀ; W_Kᵀ; W_Vᵀ] stacks the three input projections"
            : "In PyTorch's nn.MultiheadAttention(bias=True) this is out_proj.weight = W_Oᵀ and out_proj.bias = b_O, in_proj_weight = [W_Qᵀ; W_Kᵀ; W_Vᵀ] stacks the three input projections and in_proj_bias = [b_Q; b_K; b_V] their biases"
        recorder.begin("output", title: "Project the output", group: "Output",
                       explanation: "W_O mixes the heads' outputs. \(biasText); with need_weights=True and average_attn_weights=False it returns the same per-head weights as this trace.",
                       formulas: [Formula(projections.bo == nil ? "output = Z W_O" : "output = Z W_O + b_O")])
        let product = recorder.multiply(z, projection(wo, "W_O", recorder: recorder), key: projections.bo == nil ? "output" : "ZW_O",
                                        symbol: projections.bo == nil ? "output" : "Z W_O",
                                        projections.bo == nil ? "the attention output" : "the heads mixed, before the bias")
        let output = projections.bo.map { bias in
            let b = recorder.input(bias.0, name: "b_O", symbol: "b_O", "the learned bias of the output", rows: Axis(name: ""),
                                   columns: Axis(name: "dimension"), provenance: bias.1, asVector: true)
            return recorder.add([product, b], key: "output", symbol: "output", "the attention output")
        } ?? product
        recorder.recordResult("weights", weights)
        recorder.recordResult("output", repeating: output)
    }

    /// The queries and keys (one per head, or the single head's) rotated by ``rotary`` in a step of
    /// their own, after the angle tables; unchanged without it. Queries and keys share positions, as
    /// only self-attention takes RoPE.
    private func rotated(_ queries: [TracedMatrix], _ keys: [TracedMatrix], group: String,
                         recorder: TraceRecorder) -> ([TracedMatrix], [TracedMatrix]) {
        guard let rotary, let first = queries.first else { return (queries, keys) }
        let single = queries.count == 1 && heads == nil
        let (text, formulas) = rotary.explanation(headWidth: first.value.columns, rotary: rotaryDimensions)
        recorder.begin("rope", title: "Rotate queries and keys by their positions (RoPE)", group: group,
                       explanation: text, formulas: formulas)
        let tables = rotary.tables(positions: first.value.rows, rotary: rotaryDimensions, rows: first.rows, recorder: recorder)
        func turn(_ x: TracedMatrix, _ name: String, _ index: Int, _ what: String) -> TracedMatrix {
            let suffix = single ? "" : String(index)
            return rotary.rotate(x, by: tables, rotary: rotaryDimensions, key: name + suffix,
                                 symbol: single ? "\(name)′" : "\(name)′_\(index)", "the \(what) rotated by their positions",
                                 recorder: recorder)
        }
        return (queries.enumerated().map { turn($1, "Q", $0, single ? "queries" : "queries of head \($0)") },
                keys.enumerated().map { turn($1, "K", $0, single ? "keys" : "keys K_\($0)") })
    }

    /// Records the sink logits (``sinkLogits``) as the input `sinks` in a step of their own, or nothing without them.
    private func recordSinks(group: String, recorder: TraceRecorder) -> TracedMatrix? {
        guard let sinkLogits else { return nil }
        recorder.begin("sinks", title: "The sink logits", group: group,
                       explanation: "Each head has one learned logit s_h, as in gpt-oss: it joins every row's softmax as one more column, competing with the real keys, and is then dropped. A row can therefore give the keys less than all of its weight, where a plain softmax must spend it all somewhere.",
                       formulas: ["A_{ij} = \\frac{exp(S_{ij} − m_i)}{exp(s_h − m_i) + Σ_k exp(S_{ik} − m_i)}"])
        return recorder.input(sinkLogits.0, name: "sinks", symbol: "s", "each head's sink logit", rows: Axis(name: ""),
                              columns: Axis(name: "head"), provenance: sinkLogits.1, asVector: true)
    }

    /// The softmax of each row of `scores` with head `head`'s sink logit as an extra last column,
    /// which is then dropped: weights whose rows sum to less than 1 (gpt-oss).
    private func normaliseWithSink(_ scores: TracedMatrix, sink sinks: TracedMatrix, head: Int, prefix: String, group: String,
                                   recorder: TraceRecorder) -> TracedMatrix {
        recorder.begin("\(prefix)normalise", title: "Normalise each row with the sink", group: group,
                       explanation: "The sink logit s_\(head) is appended to every row as one more column; the softmax runs over the keys and the sink together, so the sink takes a share of every row's weight.",
                       formulas: ["[S ; s_h]", "P_{ij} = \\frac{exp([S ; s_h]_{ij} − m_i)}{Σ_k exp([S ; s_h]_{ik} − m_i)}"])
        let n = scores.value.columns
        let sink = heads == nil ? sinks
            : recorder.columns(head..<(head + 1), of: sinks, key: "sink", symbol: "s_\(head)", "head \(head)'s sink logit")
        let extended = recorder.concatenate(
            [scores, sink], rows: scores.rows,
            columns: Axis(name: scores.columns.name, labels: scores.columns.labels.map { $0 + ["sink"] }),
            key: "with-sink", symbol: "[S ; s]", "the scores with the sink logit as a last column")
        let all = recorder.softmax(extended, symbols: .init(weights: "P"), rowDescription: "query")
        recorder.begin("\(prefix)drop-sink", title: "Drop the sink column", group: group,
                       explanation: "The sink's column is dropped: what is left are the weights of the real keys, and each row sums to 1 minus the sink's share.",
                       formulas: ["A = P[:, 0 : n]"])
        if head == 0 {
            recorder.warn("with sink logits each row's weights sum to less than 1: the dropped sink column keeps the rest (as in gpt-oss)")
        }
        return recorder.columns(0..<n, of: all, key: "weights", symbol: "A", "the attention weights of the keys; rows sum to less than 1")
    }

    private var sourceSymbol: String { sources.id == queries.id ? "X" : "memory" }

    private var projectionExplanation: String {
        sources.id == queries.id
            ? "Every position is projected three ways: a query (what it is looking for), a key (what it offers to others) and a value (what it passes on when attended to)."
            : "Queries come from the decoder side X; keys and values come from the encoder side, memory. Each target position asks a question of the source."
    }

    /// Records one head, `head`: scores, scaling, the ``pattern``'s bias and mask, the softmax and the weighted sum.
    private func attend(_ q: TracedMatrix, _ k: TracedMatrix, _ v: TracedMatrix, head: Int, sinks: TracedMatrix?,
                        prefix: String, group: String,
                        recorder: TraceRecorder) -> (weights: TracedMatrix, output: TracedMatrix) {
        let dk = q.value.columns
        recorder.begin("\(prefix)scores", title: "Compare every query with every key", group: group,
                       explanation: "Each score is a query row times a key row. Dividing by √d_k = √\(dk) keeps the scores' spread independent of the width, so the softmax does not saturate.",
                       formulas: ["S = \\frac{Q K^⊤}{\\sqrt{d_k}}"])
        let raw = recorder.multiply(q, transposeOf: k, key: "QK", symbol: "Q K^⊤", "every query times every key")
        var scores = recorder.scale(raw, by: 1 / Double(dk).squareRoot(), note: "1/√d_k = 1/√\(dk)", key: "S", symbol: "S",
                                    "the scaled scores")
        scores = pattern.adjust(scores, head: head, of: heads ?? 1, prefix: prefix, group: group, recorder: recorder)
        let weights: TracedMatrix
        if let sinks {
            weights = normaliseWithSink(scores, sink: sinks, head: head, prefix: prefix, group: group, recorder: recorder)
        } else {
            recorder.begin("\(prefix)normalise", title: "Normalise each row", group: group,
                           explanation: "A softmax over each row turns the scores into weights that sum to 1: row i says how much position i attends to each position.",
                           formulas: ["A_{ij} = \\frac{exp(S_{ij} − m_i)}{Σ_k exp(S_{ik} − m_i)}"])
            weights = recorder.softmax(scores, symbols: .init(weights: "A"), rowDescription: "query")
        }
        recorder.begin("\(prefix)weighted-sum", title: "Mix the values", group: group,
                       explanation: "Each output row is the weighted sum of the value rows, with that row's attention weights.",
                       formulas: ["Z = A V"])
        let output = recorder.multiply(weights, v, key: "Z", symbol: prefix.isEmpty ? "Z" : "Z_j", "the weighted sums of the values")
        return (weights, output)
    }
}
