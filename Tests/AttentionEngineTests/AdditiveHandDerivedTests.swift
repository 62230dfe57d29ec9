import AttentionEngine
import AttentionTrace
import Foundation
import Testing
import TestSupport

/// Additive attention with 2 source tokens, 1 decoder state and d = 2, derived by hand.
///
///     s = [1, 0], h_1 = [0, 1], h_2 = [1, 1]
///     W_a = [[1, 0, 0, 1], [0, 1, 1, 0]], v_a = [1, −1]
///     W_a c_1 = W_a [1, 0, 0, 1] = [2, 0]  →  u_1 = [tanh 2, 0]       →  e_1 = tanh 2
///     W_a c_2 = W_a [1, 0, 1, 1] = [2, 1]  →  u_2 = [tanh 2, tanh 1]  →  e_2 = tanh 2 − tanh 1
///     α_1 = 1 / (1 + exp(e_2 − e_1)) = 1 / (1 + exp(−tanh 1)),  α_2 = 1 − α_1
///     context = α_1 h_1 + α_2 h_2 = [α_2, 1]
@Suite struct AdditiveHandDerivedTests {
    let spec = InputSpec(variant: .additive, tensors: [
        "query": Tensor(rows: [[1, 0]]),
        "keys": Tensor(rows: [[0, 1], [1, 1]]),
        "W_a": Tensor(rows: [[1, 0, 0, 1], [0, 1, 1, 0]]),
        "v_a": Tensor(vector: [1, -1]),
    ], sourceTokens: ["le", "chat"], targetTokens: ["the"])

    var trace: Trace {
        get throws { try AttentionTracer().trace(TraceRequest(variant: .additive, spec: spec)) }
    }

    @Test func weightsAndContextMatchTheHandDerivation() throws {
        let trace = try trace
        let alpha1 = 1 / (1 + exp(-tanh(1.0)))
        let alpha2 = 1 - alpha1
        #expect(trace.result["weights"]?.values?.shape == [1, 2])
        #expect(maxAbsoluteDifference(trace.result["weights"]?.values?.scalars ?? [], [alpha1, alpha2]) <= 1e-12)
        #expect(maxAbsoluteDifference(trace.result["context"]?.values?.scalars ?? [], [alpha2, 1]) <= 1e-12)
    }

    @Test func everyIntermediateIsRecorded() throws {
        let trace = try trace
        #expect(trace.tensor("t0.concatenate.c")?.values == Tensor(rows: [[1, 0, 0, 1], [1, 0, 1, 1]]))
        #expect(trace.tensor("t0.score.pre")?.values == Tensor(rows: [[2, 0], [2, 1]]))
        let u = try #require(trace.tensor("t0.score.u")?.values?.scalars)
        #expect(maxAbsoluteDifference(u, [tanh(2), 0, tanh(2), tanh(1)]) <= 1e-15)
        let e = try #require(trace.tensor("t0.score.scores")?.values?.scalars)
        #expect(maxAbsoluteDifference(e, [tanh(2), tanh(2) - tanh(1)]) <= 1e-15)
        #expect(trace.tensor("t0.normalise.max")?.values?.scalars == [e[0]])
        #expect(trace.tensor("t0.normalise.shifted")?.values?.scalars == [0, e[1] - e[0]])
        #expect(trace.tensor("t0.normalise.sum")?.values?.scalars.first.map { abs($0 - (1 + exp(-tanh(1)))) <= 1e-15 } == true)
        #expect(trace.tensor("t0.score.u")?.provenance == Provenance(.tanh, ["t0.score.pre"]))
        #expect(trace.tensor("t0.weighted-sum.context")?.provenance == Provenance(.matmul, ["t0.normalise.weights", "keys"]))
    }

    @Test func stepsFollowTheFiveStagesInOrder() throws {
        #expect(try trace.steps.map(\.id) == ["encode", "t0.concatenate", "t0.score", "t0.normalise", "t0.weighted-sum", "alignment"])
    }

    @Test func theInputsEchoTheSpecSoTheyCanBeFedBack() throws {
        let trace = try trace
        #expect(trace.inputs == spec.tensors)
        let again = try AttentionTracer().trace(TraceRequest(variant: .additive, spec: InputSpec(tensors: trace.inputs)))
        #expect(again.result.mapValues(\.values) == trace.result.mapValues(\.values))
    }
}
