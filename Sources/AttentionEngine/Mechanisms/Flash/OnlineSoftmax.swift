import AttentionMath
import AttentionTrace

/// The online softmax of ``OnlineSoftmaxMechanism``: the blocks, their running statistics and the
/// final division, recorded with the recorder's operations.
struct OnlineSoftmax {
    /// The keys per block; the last block may be shorter.
    let blockSize: Int
    /// Whether query i may only attend to keys j ≤ i.
    let causal: Bool

    /// The running state after a block: the row maxima m, the row sums ℓ and the unnormalised output O.
    private struct Running {
        var maximum: TracedMatrix
        var sum: TracedMatrix
        var output: TracedMatrix
    }

    /// Records every block, then the output `O / ℓ` and the log-sum-exp; results `output` and `logsumexp`.
    func trace(_ q: TracedMatrix, _ k: TracedMatrix, _ v: TracedMatrix, recorder: TraceRecorder) {
        let n = k.value.rows
        var running: Running?
        for (b, start) in stride(from: 0, to: n, by: blockSize).enumerated() {
            let keys = start..<min(start + blockSize, n)
            running = block(b, keys: keys, q, k, v, after: running, recorder: recorder)
        }
        guard let running else { return }
        let ordinary = 2 * q.value.rows * n, online = 2 * q.value.rows * min(blockSize, n) + 2 * q.value.rows
        recorder.begin("finish", title: "Divide by the running sum", group: "Output",
                       explanation: "Only now is each row divided by its sum ℓ, once, instead of normalising every block. The log-sum-exp L = m + ln ℓ is what FlashAttention keeps for the backward pass. Memory: the ordinary form holds the n × n scores and weights, \(ordinary) numbers for n = \(n); the online form holds one block's scores and exponentials (n × B each) and the running m and ℓ, \(online) numbers for B = \(min(blockSize, n)), besides the n × d_v output. (This trace records every block, so that each number can be explained; a FlashAttention kernel keeps only the current one.)",
                       formulas: ["output = O / ℓ", "L = m + ln ℓ"])
        let output = recorder.normalize(running.output, by: running.sum, key: "output", symbol: "output",
                                        "the attention output: O divided by ℓ, row by row")
        let logSum = recorder.apply(.log, running.sum, key: "log-sum", symbol: "ln ℓ", "the logarithm of each row's sum")
        let lse = recorder.add([running.maximum, logSum], key: "logsumexp", symbol: "L",
                               "each row's log-sum-exp of the scores, m + ln ℓ")
        recorder.recordResult("output", repeating: output)
        recorder.recordResult("logsumexp", repeating: lse)
    }

    /// Records block `b` (keys `keys`) and returns the running state after it.
    private func block(_ b: Int, keys: Range<Int>, _ q: TracedMatrix, _ k: TracedMatrix, _ v: TracedMatrix,
                       after previous: Running?, recorder: TraceRecorder) -> Running {
        let dk = q.value.columns
        let label = keys.count == 1 ? "key \(keys.lowerBound)" : "keys \(keys.lowerBound)–\(keys.upperBound - 1)"
        recorder.begin("block\(b)", title: "Block \(b): \(label)", group: "Block b = \(b)",
                       explanation: previous == nil
                           ? "The first block starts the running statistics: its row maxima m, its exponentials P = exp(S_b − m), their row sums ℓ and the unnormalised output O = P V_b."
                           : "The new row maximum m′ may be larger than the old one; then every exponential summed so far was taken against too small a maximum, and α = exp(m − m′) ≤ 1 shrinks the old sum and output to the new one before this block's terms are added.",
                       formulas: previous == nil
                           ? ["S_b = \\frac{Q K_b^⊤}{\\sqrt{d_k}}", "m = max_j S_b", "P_b = exp(S_b − m)", "ℓ = Σ_j P_b", "O = P_b V_b"]
                           : ["S_b = \\frac{Q K_b^⊤}{\\sqrt{d_k}}", "m′ = max(m, max_j S_b)", "α = exp(m − m′)",
                              "P_b = exp(S_b − m′)", "ℓ′ = α ⊙ ℓ + Σ_j P_b", "O′ = α ⊙ O + P_b V_b"])
        let kb = recorder.rows(keys, of: k, key: "K", symbol: "K_\(b)", "the keys of block \(b)")
        let vb = recorder.rows(keys, of: v, key: "V", symbol: "V_\(b)", "the values of block \(b)")
        let raw = recorder.multiply(q, transposeOf: kb, key: "QK", symbol: "Q K_\(b)^⊤", "every query times the block's keys")
        var scores = recorder.scale(raw, by: 1 / Double(dk).squareRoot(), note: "1/√d_k = 1/√\(dk)", key: "S", symbol: "S_\(b)",
                                    "the block's scaled scores")
        if causal {
            let start = keys.lowerBound
            let allowed = recorder.record(Matrix(rows: scores.value.rows, columns: keys.count) { i, j in start + j <= i ? 1 : 0 },
                                          key: "M", symbol: "M_\(b)", "1 where the key's position \(start) + j ≤ i, else 0",
                                          rows: scores.rows, columns: scores.columns,
                                          provenance: Provenance(.causalMask, range: [start]))
            scores = recorder.mask(scores, with: allowed, key: "masked", symbol: "S_\(b)", "the block's scores with the future masked")
        }
        let one = Axis(name: "max")
        let maximum: TracedMatrix
        if let previous {
            let candidates = recorder.concatenate([previous.maximum, scores], rows: scores.rows,
                                                  columns: Axis(name: "candidate"), key: "candidates", symbol: "[m ; S_\(b)]",
                                                  "the old maximum beside the block's scores")
            maximum = record(rowMaxOf: candidates, key: "max", symbol: "m′", "the new running maximum", columns: one,
                             recorder: recorder)
        } else {
            maximum = record(rowMaxOf: scores, key: "max", symbol: "m", "the block's row maxima", columns: one, recorder: recorder)
        }
        let shifted = recorder.subtract(scores, maximum, key: "shifted", symbol: "S_\(b) − m′", "each score minus the new maximum")
        let p = recorder.apply(.exp, shifted, key: "P", symbol: "P_\(b)", "the block's exponentials against the new maximum")
        let blockSum = record(rowSumOf: p, recorder: recorder)
        let product = recorder.multiply(p, vb, key: "PV", symbol: "P_\(b) V_\(b)", "the block's exponentials times its values")
        guard let previous else {
            return Running(maximum: maximum, sum: blockSum, output: product)
        }
        let gap = recorder.subtract(previous.maximum, maximum, key: "gap", symbol: "m − m′", "the old maximum minus the new")
        let alpha = recorder.apply(.exp, gap, key: "alpha", symbol: "α", "how much the old terms shrink, exp(m − m′)")
        let oldSum = recorder.hadamard(alpha, previous.sum, key: "rescaled-sum", symbol: "α ⊙ ℓ", "the old sum, rescaled")
        let sum = recorder.add([oldSum, blockSum], key: "sum", symbol: "ℓ′", "the new running sum, α ℓ + Σ_j P")
        let oldOutput = recorder.hadamard(previous.output, alpha, key: "rescaled-output", symbol: "α ⊙ O",
                                          "the old output, rescaled row by row")
        let output = recorder.add([oldOutput, product], key: "O", symbol: "O′", "the new running output, α O + P V")
        return Running(maximum: maximum, sum: sum, output: output)
    }

    /// `max_k A[i,k]` for each row.
    private func record(rowMaxOf a: TracedMatrix, key: String, symbol: String, _ description: String, columns: Axis,
                        recorder: TraceRecorder) -> TracedMatrix {
        recorder.record(a.value.rowMaxima(), key: key, symbol: symbol, description, rows: a.rows, columns: columns,
                        provenance: Provenance(.rowMax, [a.id]))
    }

    /// `Σ_k A[i,k]` for each row.
    private func record(rowSumOf a: TracedMatrix, recorder: TraceRecorder) -> TracedMatrix {
        recorder.record(a.value.rowSums(), key: "block-sum", symbol: "Σ_j P", "the block's row sums", rows: a.rows, columns: Axis(name: "sum"),
                        provenance: Provenance(.rowSum, [a.id]))
    }
}
