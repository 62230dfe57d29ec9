import AttentionEngine
import AttentionMath
import AttentionTrace
import Testing
import TestSupport

/// Identities between mechanisms that must hold for any input.
@Suite struct InvariantTests {
    let generator = ParameterGenerator(seed: 2024)

    func tensor(_ name: String, _ rows: Int, _ columns: Int) -> Tensor {
        Tensor(rows: generator.glorotUniform(named: name, rows: rows, columns: columns).rowArrays)
    }

    func trace(_ variant: Variant, _ tensors: [String: Tensor], options: MechanismOptions = .init()) throws -> Trace {
        try AttentionTracer().trace(TraceRequest(variant: variant, spec: InputSpec(tensors: tensors), options: options))
    }

    func expectClose(_ a: Tensor?, _ b: Tensor?, tolerance: Double = 1e-14, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let a, let b else {
            Issue.record("missing tensor", sourceLocation: sourceLocation)
            return
        }
        #expect(a.scalars.count == b.scalars.count, sourceLocation: sourceLocation)
        #expect(maxAbsoluteDifference(a.scalars, b.scalars) <= tolerance, sourceLocation: sourceLocation)
    }

    @Test func multiHeadWithOneHeadAndIdentityOutputEqualsSelf() throws {
        let base = ["X": tensor("X", 5, 4), "W_Q": tensor("W_Q", 4, 4), "W_K": tensor("W_K", 4, 4), "W_V": tensor("W_V", 4, 4)]
        let single = try trace(.selfAttention, base)
        var withOutput = base
        withOutput["W_O"] = Tensor(rows: Matrix.identity(4).rowArrays)
        let multi = try trace(.multiHead, withOutput, options: .init(heads: 1))
        expectClose(multi.result["weights"]?.values, single.result["weights"]?.values)
        expectClose(multi.result["output"]?.values, single.result["output"]?.values)
        #expect(multi.result["weights"]?.values?.shape == [1, 5, 5])
    }

    @Test func localMonotonicWithAWindowAsWideAsTheSourceEqualsGlobal() throws {
        let tensors = ["query": tensor("query", 3, 4), "keys": tensor("keys", 5, 4)]
        let global = try trace(.global, tensors, options: .init(score: .dot))
        let local = try trace(.localM, tensors, options: .init(window: 5, score: .dot))
        #expect(local.result.mapValues(\.values) == global.result.mapValues(\.values))
    }

    @Test func dotEqualsGeneralWithTheIdentity() throws {
        let tensors = ["query": tensor("query", 3, 4), "keys": tensor("keys", 6, 4)]
        let dot = try trace(.dot, tensors)
        var withIdentity = tensors
        withIdentity["W_a"] = Tensor(rows: Matrix.identity(4).rowArrays)
        let general = try trace(.general, withIdentity)
        expectClose(general.result["weights"]?.values, dot.result["weights"]?.values)
        expectClose(general.result["context"]?.values, dot.result["context"]?.values)
    }

    @Test func causalUpperTriangleIsExactlyZero() throws {
        let causal = try trace(.causal, ["X": tensor("X", 6, 4)])
        let weights = try #require(causal.result["weights"]?.values)
        for i in 0..<6 {
            for j in (i + 1)..<6 { #expect(weights[i, j] == 0) }
            #expect(abs((0...i).reduce(0) { $0 + weights[i, $1] } - 1) <= 1e-15)
        }
        let masked = try #require(causal.tensor("masked")?.values ?? causal.steps.flatMap(\.tensors).first { $0.provenance.operation == .mask }?.values)
        #expect(masked[0, 1] == -.infinity)
    }

    @Test func crossWithMemoryEqualToXEqualsSelf() throws {
        let base = ["X": tensor("X", 4, 4), "W_Q": tensor("W_Q", 4, 4), "W_K": tensor("W_K", 4, 4), "W_V": tensor("W_V", 4, 4)]
        let single = try trace(.selfAttention, base)
        var withMemory = base
        withMemory["memory"] = base["X"]
        let cross = try trace(.cross, withMemory)
        #expect(cross.result.mapValues(\.values) == single.result.mapValues(\.values))
    }

    @Test func swappingTheSidesOfCoAttentionSwapsItsOutputs() throws {
        let wb = tensor("W_b", 4, 4)
        let forward = ["question": tensor("question", 3, 4), "document": tensor("document", 5, 4), "W_b": wb,
                       "W_q": tensor("W_q", 2, 4), "W_d": tensor("W_d", 2, 4),
                       "w_q": Tensor(vector: tensor("w_q", 1, 2).scalars), "w_d": Tensor(vector: tensor("w_d", 1, 2).scalars)]
        let swapped = ["question": forward["document"], "document": forward["question"],
                       "W_b": Tensor(rows: Matrix(rowArrays: Matrix(rows: 4, columns: 4, scalars: wb.scalars).transposed.rowArrays).rowArrays),
                       "W_q": forward["W_d"], "W_d": forward["W_q"], "w_q": forward["w_d"], "w_d": forward["w_q"]]
            .compactMapValues { $0 }
        let a = try trace(.coAttention, forward), b = try trace(.coAttention, swapped)
        expectClose(a.result["weights_question"]?.values, b.result["weights_document"]?.values)
        expectClose(a.result["weights_document"]?.values, b.result["weights_question"]?.values)
        expectClose(a.result["context_question"]?.values, b.result["context_document"]?.values)
        expectClose(a.result["context_document"]?.values, b.result["context_question"]?.values)
        let affinity = try #require(a.result["affinity"]?.values), transposed = try #require(b.result["affinity"]?.values)
        #expect(affinity.shape == [3, 5] && transposed.shape == [5, 3])
        for i in 0..<3 { for j in 0..<5 { #expect(abs(affinity[i, j] - transposed[j, i]) <= 1e-15) } }
    }
}
