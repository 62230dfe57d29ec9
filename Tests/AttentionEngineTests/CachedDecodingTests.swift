import AttentionEngine
import AttentionTrace
import Foundation
import Testing
import TestSupport

/// `kv-cache`: decoding token by token against a key and value cache gives the rows of full causal
/// attention, each step recording its projection, rotation, append and one query row.
@Suite struct CachedDecodingTests {
    static let source = "the man who visited the zoo yesterday"

    func trace(_ variant: Variant, _ options: MechanismOptions = .init()) throws -> Trace {
        try AttentionTracer().trace(TraceRequest(variant: variant, source: Self.source, options: options))
    }

    @Test(arguments: [(1, nil), (3, nil), (7, nil), (1, RotaryPairing.half), (4, RotaryPairing.interleaved)])
    func equalsFullCausalAttention(prefill: Int, rope: RotaryPairing?) throws {
        let cached = try trace(.kvCache, .init(rope: rope, prefill: prefill))
        let full = try trace(.causal, .init(rope: rope))
        let output = try #require(cached.result["output"]?.values)
        let expected = try #require(full.result["output"]?.values)
        #expect(output.shape == expected.shape)
        #expect(maxAbsoluteDifference(output.scalars, expected.scalars) <= 1e-12)
    }

    @Test func eachStepAppendsOneKeyAndAttendsWithOneRow() throws {
        let cached = try trace(.kvCache, .init(rope: .half, prefill: 3))
        #expect(cached.steps.map(\.id).filter { $0.hasPrefix("step") } == ["step3", "step4", "step5", "step6"])
        for t in 3..<7 {
            #expect(cached.tensor("step\(t).K")?.shape == [t + 1, 8])
            #expect(cached.tensor("step\(t).S")?.shape == [1, t + 1])
            #expect(cached.tensor("step\(t).K")?.provenance.operands == [t == 3 ? "prefill.K′" : "step\(t - 1).K", "step\(t).K′"])
            // RoPE at the step's own position.
            #expect(cached.tensor("step\(t).position")?.values?[[0, 0]] == Double(t))
        }
        let step = try #require(cached.steps.first { $0.id == "step5" })
        #expect(step.explanation.contains("the cache, which now holds 6 keys and values, 96 numbers"))
        #expect(step.explanation.contains("compared with all 6 cached keys (48 multiply-adds)"))
    }

    @Test func aPrefillOutsideTheSequenceIsRefused() {
        #expect(throws: TraceError.self) { try trace(.kvCache, .init(prefill: 0)) }
        do {
            _ = try trace(.kvCache, .init(prefill: 8))
            Issue.record("a prefill of 8 tokens out of 7 was accepted")
        } catch {
            #expect("\(error)" == "prefill must be at most the sequence length n = 7, got 8")
        }
        #expect(Variant.kvCache.options == [.prefill, .rope, .ropeBase, .ropeDims])
    }
}
