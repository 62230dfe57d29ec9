import AttentionEngine
import AttentionTrace
import Foundation
import Testing
import TestSupport

/// Rotary position embeddings (Su et al. 2021): what they record, that scores depend only on
/// relative positions, and how they refuse what they cannot rotate.
@Suite struct RotaryEmbeddingTests {
    /// Eight positions where positions 5 and 7 repeat the rows of 1 and 3, so that with RoPE the
    /// score of (7, 5) equals that of (3, 1): the same query and key, both moved on by 4.
    func repeatingTrace(_ pairing: RotaryPairing, dims: Int? = nil) throws -> Trace {
        let rows: [[Double]] = [[0.3, -1.2, 0.8, 0.1], [1.1, 0.4, -0.6, 0.9], [-0.7, 0.2, 0.5, -1.3], [0.6, -0.9, 1.4, 0.2],
                                [0.0, 1.0, 0.3, -0.4], [1.1, 0.4, -0.6, 0.9], [-0.2, 0.8, 0.1, 0.6], [0.6, -0.9, 1.4, 0.2]]
        // d_model = d_k = 8: each row and its reverse.
        let x = Tensor(rows: rows.map { $0 + $0.reversed() })
        return try AttentionTracer().trace(TraceRequest(variant: .causal, spec: InputSpec(tensors: ["X": x]),
                                                        options: .init(rope: pairing, ropeDims: dims)))
    }

    @Test(arguments: RotaryPairing.allCases)
    func scoresDependOnlyOnRelativePosition(_ pairing: RotaryPairing) throws {
        let trace = try repeatingTrace(pairing)
        let scores = try #require(trace.tensor("scores.S")?.values)
        #expect(abs(scores[[7, 5]] - scores[[3, 1]]) <= 1e-12)
        #expect(abs(scores[[7, 7]] - scores[[3, 3]]) <= 1e-12)
        // Without RoPE the sinusoid-free spec gives equal scores trivially; the rotation must change them.
        let plain = try AttentionTracer().trace(TraceRequest(variant: .causal, spec: InputSpec(tensors: ["X": try #require(trace.inputs["X"])])))
        let plainScores = try #require(plain.tensor("scores.S")?.values)
        #expect(abs(plainScores[[3, 1]] - scores[[3, 1]]) > 1e-3)
        // Different distances give different scores.
        #expect(abs(scores[[7, 3]] - scores[[3, 1]]) > 1e-3)
    }

    @Test func positionZeroIsNotRotatedAndEachPairKeepsItsLength() throws {
        let trace = try repeatingTrace(.half)
        let q = try #require(trace.tensor("project.Q")?.values)
        let rotated = try #require(trace.tensor("rope.Q")?.values)
        for j in 0..<8 { #expect(rotated[[0, j]] == q[[0, j]]) }
        // Rotate-half pairs (j, j + 4) of d_k = 8.
        for p in 0..<8 {
            for k in 0..<4 {
                let before = q[[p, k]] * q[[p, k]] + q[[p, k + 4]] * q[[p, k + 4]]
                let after = rotated[[p, k]] * rotated[[p, k]] + rotated[[p, k + 4]] * rotated[[p, k + 4]]
                #expect(abs(before - after) <= 1e-12)
            }
        }
    }

    @Test func theAnglesArePositionTimesBaseToTheMinusTwoKOverR() throws {
        let trace = try repeatingTrace(.interleaved, dims: 4)
        let theta = try #require(trace.tensor("rope.theta")?.values)
        let angles = try #require(trace.tensor("rope.angle")?.values)
        #expect(theta.shape == [1, 2])
        #expect(theta[[0, 0]] == 1)
        #expect(theta[[0, 1]] == 0.01)   // 10000^(−2/4)
        #expect(angles[[3, 1]] == 3 * 0.01)
        #expect(trace.tensor("rope.cos")?.values?[[3, 1]] == cos(0.03))
        // Interleaved pairs (0, 1), (2, 3); columns 4 … 7 pass through.
        let q = try #require(trace.tensor("project.Q")?.values)
        let rotated = try #require(trace.tensor("rope.Q")?.values)
        #expect(rotated[[5, 2]] == q[[5, 2]] * cos(0.05) - q[[5, 3]] * sin(0.05))
        #expect(rotated[[5, 3]] == q[[5, 3]] * cos(0.05) + q[[5, 2]] * sin(0.05))
        #expect(rotated[[5, 6]] == q[[5, 6]])
        #expect(trace.tensor("rope.Q")?.provenance == Provenance(.rotatePairs, ["project.Q", "rope.cos", "rope.sin"], range: [0, 4]))
    }

    @Test func everyHeadIsRotatedWithTheSameTables() throws {
        let trace = try AttentionTracer().trace(TraceRequest(variant: .multiHead, source: "we saw the old red barn",
                                                             options: .init(heads: 4, causal: true, kvHeads: 2, rope: .half)))
        let rope = try #require(trace.steps.first { $0.id == "rope" })
        let ids: [TensorID] = ["rope.position", "rope.theta", "rope.angle", "rope.cos", "rope.sin",
                               "rope.Q0", "rope.Q1", "rope.Q2", "rope.Q3", "rope.K0", "rope.K1"]
        #expect(rope.tensors.map(\.id) == ids)
        #expect(trace.tensor("head3.scores.QK")?.provenance.operands == ["rope.Q3", "rope.K1"])
        #expect(trace.options["rope"] == "half" && trace.options["rope_base"] == "10000.0")
    }

    @Test func whatRoPECannotRotateIsRefusedByName() {
        let odd = InputSpec(tensors: ["X": Tensor(rows: [[1, 0, 0], [0, 1, 0]])])
        #expect(failure(TraceRequest(variant: .causal, spec: odd, options: .init(rope: .half)))
                    == "rope rotates pairs of dimensions, and d_k = 3 is odd; set rope_dims to an even number below it")
        #expect(failure(TraceRequest(variant: .causal, spec: odd, options: .init(rope: .half, ropeDims: 2))) == nil)
        #expect(failure(TraceRequest(variant: .causal, source: "a b", options: .init(rope: .half, ropeBase: 1)))
                    == "rope_base must be a finite number above 1 (the angles are base^(−2k/r)), got 1.0")
        #expect(failure(TraceRequest(variant: .causal, source: "a b", options: .init(rope: .half, ropeDims: 3)))
                    == "rope_dims must be even and at least 2 (RoPE rotates pairs of dimensions), got 3")
        #expect(failure(TraceRequest(variant: .multiHead, source: "a b", options: .init(heads: 2, rope: .half, ropeDims: 6)))
                    == "rope_dims must be at most d_k = 4, got 6")
        #expect(failure(TraceRequest(variant: .causal, source: "a b", options: .init(ropeBase: 500)))
                    == "rope_base needs rope (half or interleaved) to apply to")
        #expect(failure(TraceRequest(variant: .cross, source: "a b", target: "c", options: .init(rope: .half)))?
                    .hasPrefix("option 'rope' does not apply to variant 'cross'") == true)
    }

    @Test func aSpecNamesThePairing() throws {
        let spec = try InputSpec(json: Data(#"{"options": {"rope": "interleaved", "rope_base": 500000, "rope_dims": 4}}"#.utf8),
                                 file: "spec.json")
        #expect(spec.options == MechanismOptions(rope: .interleaved, ropeBase: 500_000, ropeDims: 4))
        #expect(throws: TraceError.self) {
            _ = try InputSpec(json: Data(#"{"options": {"rope": "neox"}}"#.utf8), file: "spec.json")
        }
    }
}
