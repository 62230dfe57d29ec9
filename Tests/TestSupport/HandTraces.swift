import AttentionTrace
import Foundation

/// Traces built by hand with the engine's tensor ids and provenance, so the
/// derivations can be checked against numbers worked out on paper.
public enum HandTraces {
    private static let source = Axis(name: "source", labels: ["le", "zoo"])
    private static let target = Axis(name: "target", labels: ["the"])
    private static let dimension = Axis(name: "dimension")

    private static func tensor(_ id: TensorID, _ symbol: String, _ rows: [[Double]], rows rowAxis: Axis = target,
                               columns: Axis = dimension, _ provenance: Provenance) -> TracedTensor {
        TracedTensor(id: id, symbol: symbol, description: id, axes: [rowAxis, columns], values: Tensor(rows: rows),
                     provenance: provenance)
    }

    /// The additive hand case: query [[1,0]], keys [[0,1],[1,1]],
    /// W_a [[1,0,0,1],[0,1,1,0]], v_a [1,−1]. Then c_1 = [1,0,1,1],
    /// W_a c_1 = [2,1], u_1 = [tanh 2, tanh 1] and e_1 = tanh 2 − tanh 1.
    public static let additive: Trace = {
        let c = [[1.0, 0, 0, 1], [1, 0, 1, 1]]
        let wa = [[1.0, 0, 0, 1], [0, 1, 1, 0]]
        let pre = c.map { row in wa.map { w in zip(row, w).map(*).reduce(0, +) } }
        let u = pre.map { $0.map(tanh) }
        let e = [u.map { $0[0] - $0[1] }]
        let m = e[0].max() ?? 0
        let shifted = [e[0].map { $0 - m }]
        let exps = [shifted[0].map(exp)]
        let z = exps[0].reduce(0, +)
        let weights = [exps[0].map { $0 / z }]
        let one = Axis(name: "one")
        let concatenate = Step(id: "t0.concatenate", title: "Concatenate", explanation: "", formulas: [], tensors: [
            tensor("t0.concatenate.s", "s", [[1, 0]], .init(.sliceRows, ["query"], range: [0, 1])),
            tensor("t0.concatenate.c", "c_i", c, rows: source, .init(.concatColumns, ["t0.concatenate.s", "keys"])),
        ])
        let score = Step(id: "t0.score", title: "Score", explanation: "", formulas: [], tensors: [
            tensor("W_a", "W_a", wa, rows: Axis(name: "hidden"), .init(.given)),
            TracedTensor(id: "v_a", symbol: "v_a", description: "v_a", axes: [Axis(name: "hidden")],
                         values: Tensor(vector: [1, -1]), provenance: .init(.given)),
            tensor("t0.score.pre", "W_a c_i", pre, rows: source, .init(.matmulTransposed, ["t0.concatenate.c", "W_a"])),
            tensor("t0.score.u", "u_i", u, rows: source, .init(.tanh, ["t0.score.pre"])),
            tensor("t0.score.scores", "e", e, columns: source, .init(.matmulTransposed, ["v_a", "t0.score.u"])),
        ])
        let normalise = Step(id: "t0.normalise", title: "Normalise", explanation: "", formulas: [], tensors: [
            tensor("t0.normalise.max", "m", [[m]], columns: one, .init(.rowMax, ["t0.score.scores"])),
            tensor("t0.normalise.shifted", "y", shifted, columns: source, .init(.subtract, ["t0.score.scores", "t0.normalise.max"])),
            tensor("t0.normalise.exp", "ε", exps, columns: source, .init(.exp, ["t0.normalise.shifted"])),
            tensor("t0.normalise.sum", "Z", [[z]], columns: one, .init(.rowSum, ["t0.normalise.exp"])),
            tensor("t0.normalise.weights", "α", weights, columns: source, .init(.normalize, ["t0.normalise.exp", "t0.normalise.sum"])),
        ])
        let encode = Step(id: "encode", title: "Encode", explanation: "", formulas: [], tensors: [
            tensor("query", "s", [[1, 0]], .init(.given)),
            tensor("keys", "h", [[0, 1], [1, 1]], rows: source, .init(.given)),
        ])
        return Trace(variant: "additive", sourceTokens: ["le", "zoo"], targetTokens: ["the"],
                     inputs: [:], steps: [encode, concatenate, score, normalise],
                     result: ["weights": .numbers(Tensor(rows: weights), sources: ["t0.normalise.weights"],
                                                  axes: [Axis(name: "target", labels: ["the"]), source])])
    }()

    /// Causal self-attention over three tokens: scaled scores, the mask and the masked scores.
    public static let causal: Trace = {
        let tokens = Axis(name: "source", labels: ["the", "zoo", "hier"])
        let s = [[0.5, 0.25, -1.0], [0.1, 0.2, 0.3], [1.0, 2.0, 3.0]]
        let mask = (0..<3).map { i in (0..<3).map { j in j <= i ? 1.0 : 0 } }
        let masked = (0..<3).map { i in (0..<3).map { j in j <= i ? s[i][j] : -.infinity } }
        let step = Step(id: "mask", title: "Mask the future", explanation: "", formulas: [], tensors: [
            tensor("scores.S", "S", s, rows: tokens, columns: tokens, .init(.given)),
            tensor("mask.M", "M", mask, rows: tokens, columns: tokens, .init(.causalMask)),
            tensor("mask.masked", "S", masked, rows: tokens, columns: tokens, .init(.mask, ["scores.S", "mask.M"])),
        ])
        return Trace(variant: "causal", sourceTokens: ["the", "zoo", "hier"], inputs: [:], steps: [step], result: [:])
    }()

    /// A 1 × `width` row times a `width` × 1 column, with entries 1…width and 0.5.
    public static func dotProduct(width: Int) -> Trace {
        let a = tensor("a", "a", [(1...width).map(Double.init)], .init(.given))
        let b = tensor("b", "b", (0..<width).map { _ in [0.5] }, rows: dimension, .init(.given))
        let total = Double(width * (width + 1)) / 4
        let product = tensor("p.out", "p", [[total]], columns: Axis(name: "one"), .init(.matmul, ["a", "b"]))
        return Trace(variant: "dot", inputs: [:],
                     steps: [Step(id: "p", title: "Multiply", explanation: "", formulas: [], tensors: [a, b, product])],
                     result: [:])
    }
}
