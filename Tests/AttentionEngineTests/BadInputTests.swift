import AttentionEngine
import AttentionTrace
import Foundation
import Testing

/// Each kind of bad input is refused with a message that says what and where.
@Suite struct BadInputTests {
    func specFailure(_ json: String) -> String? {
        do {
            _ = try InputSpec(json: Data(json.utf8), file: "spec.json")
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func aTensorOfTheWrongShapeIsNamedWithBothShapes() {
        let spec = InputSpec(tensors: ["query": Tensor(rows: [[1, 0]]), "keys": Tensor(rows: [[0, 1], [1, 1]]),
                                       "W_a": Tensor(rows: [[1, 0, 0], [0, 1, 1]])])
        #expect(failure(TraceRequest(variant: .additive, spec: spec))
                    == "tensor 'W_a' has shape [2, 3], expected [2, 4] (d_a x (d_s + d_h), with d_s = 2 from query and d_h = 2 from keys)")
    }

    @Test func malformedJSONGivesTheLineAndColumn() {
        #expect(specFailure("{\"tensors\": {\"keys\": [[1, 2],\n  [3, x]]}}")
                    == "spec.json: malformed JSON: Invalid value around line 2, column 7.")
        #expect(specFailure("{\"tensors\": {\"keys\": [[1, \"a\"]]}}")?
                    .hasPrefix("spec.json: invalid spec at tensors.keys[0][1]:") == true)
        #expect(specFailure("{\"tensors\": {\"keys\": [[1, 2], [3]]}}")?.contains("rows of different lengths") == true)
    }

    @Test func nonFiniteNumbersAreRefusedWithTheirPosition() {
        #expect(specFailure("{\"tensors\": {\"keys\": [[1, 2], [3, null]]}}")
                    == "tensor 'keys' has a non-finite value (NaN, infinity or null) at [1][1]")
        #expect(specFailure("{\"tensors\": {\"keys\": [[1e999]]}}")?.contains("1e999 is not representable") == true)
    }

    @Test func anEmptySentenceIsRefused() {
        #expect(failure(TraceRequest(variant: .additive, source: "  ", target: "x")) == "the source sentence is empty: give at least one word")
        #expect(failure(TraceRequest(variant: .additive, source: "x", target: "")) == "the target sentence is empty: give at least one word")
    }

    @Test func headsThatDoNotDivideTheWidthAreRefused() {
        #expect(failure(TraceRequest(variant: .multiHead, source: "a b c", options: .init(heads: 3)))
                    == "heads = 3 does not divide d_model = 8: each head needs d_model / heads columns")
    }

    @Test func aNegativeWindowIsRefused() {
        #expect(failure(TraceRequest(variant: .localM, source: "a b", target: "c", options: .init(window: -1)))
                    == "window must be 0 or more (the half-width D of the local window), got -1")
        #expect(failure(TraceRequest(variant: .localP, source: "a b", target: "c", options: .init(window: 0)))
                    == "local-p needs a window of at least 1: its Gaussian has σ = D/2, which must be positive")
        #expect(failure(TraceRequest(variant: .localM, source: "a b", target: "c", options: .init(window: 0))) == nil)
    }

    @Test func aDotScoreWithMismatchedWidthsIsRefused() {
        let spec = InputSpec(tensors: ["query": Tensor(rows: [[1, 0, 2]]), "keys": Tensor(rows: [[0, 1], [1, 1]])])
        #expect(failure(TraceRequest(variant: .dot, spec: spec))
                    == "tensor 'query' has shape [1, 3], expected [1, 2] (a dot score needs queries as wide as the keys, d_s = d_h = 2)")
    }

    @Test func aVariantThatNeedsATargetSaysSo() {
        #expect(failure(TraceRequest(variant: .additive, source: "a b", parameters: .seeded))
                    == "variant 'additive' needs a target: give a target sentence or give the target-side tensors in the spec")
        #expect(failure(TraceRequest(variant: .cross, source: "a b"))
                    == "variant 'cross' needs 'X': give a target sentence, or 'X' or 'targetTokens' in the spec")
    }

    @Test func anOptionThatDoesNotApplyIsRefused() {
        #expect(failure(TraceRequest(variant: .dot, source: "a", target: "b", options: .init(heads: 2)))
                    == "option 'heads' does not apply to variant 'dot'; it applies to: multi-head, cross")
        #expect(failure(TraceRequest(variant: .selfAttention, source: "a", target: "b"))
                    == "variant 'self' attends over the source only; a target does not apply")
        #expect(throws: TraceError.invalidOption(.score, value: "cosine", reason: "unknown score 'cosine'; choose dot, general or concat")) {
            try ScoreFunction(named: "cosine")
        }
        #expect(failure(TraceRequest(variant: .global, source: "a", target: "b", options: .init(score: .scaledDot)))
                    == "unknown score 'scaled-dot'; choose dot, general or concat")
    }

    @Test func aTensorTheVariantDoesNotReadIsRefused() {
        let spec = InputSpec(tensors: ["query": Tensor(rows: [[1]]), "keys": Tensor(rows: [[1]]), "W_Q": Tensor(rows: [[1]])])
        #expect(failure(TraceRequest(variant: .dot, spec: spec))
                    == "tensor 'W_Q' is not used by variant 'dot', which reads: query, keys, values")
    }

    @Test func scoresThatOverflowAreRefusedNotTracedAsNaN() {
        let spec = InputSpec(tensors: ["query": Tensor(rows: [[1e200, 1e200]]), "keys": Tensor(rows: [[1, 0], [1e200, 1e200]])])
        // The second score is 1e200 · 1e200 + 1e200 · 1e200, beyond the largest Double.
        #expect(failure(TraceRequest(variant: .dot, spec: spec))
                    == "the computation overflowed: t0.score.scores[0][1] is not a finite number; the given tensors are too large (the largest magnitude is 1e+200), scale them down")
    }

    @Test func hugeScoresDoNotOverflowTheSoftmax() throws {
        let spec = InputSpec(tensors: ["query": Tensor(rows: [[1e200]]), "keys": Tensor(rows: [[1e100], [-1e100]])])
        let trace = try AttentionTracer().trace(TraceRequest(variant: .dot, spec: spec))
        #expect(trace.result["weights"]?.values?.scalars == [1, 0])
    }
}

@Suite struct MixedInputTests {
    @Test func aGivenSequenceAndATokenSequenceOfAnotherWidthAreRefusedNotMultiplied() {
        let spec = InputSpec(tensors: ["X": Tensor(rows: [[1, 0, 0, 1], [0, 1, 1, 0]])], sourceTokens: ["a", "b", "c"])
        do {
            _ = try AttentionTracer().trace(TraceRequest(variant: .cross, spec: spec))
            Issue.record("expected an error")
        } catch {
            #expect("\(error)" == "'memory' would be embedded from the source tokens with width 8, but the other sequence given in the spec has width 4: give 'memory' in the spec too")
        }
    }
}

@Suite struct SizeLimitTests {
    @Test func aTraceTooLargeForMemoryIsRefusedUpFrontWithItsEstimate() throws {
        let spec = InputSpec(sourceTokens: (0..<100_000).map { "w\($0)" })
        do {
            _ = try AttentionTracer().trace(TraceRequest(variant: .selfAttention, spec: spec))
            Issue.record("expected the trace to be refused")
        } catch {
            guard case .tooLarge(let estimate, let limit) = error else {
                Issue.record("expected tooLarge, got \(error)")
                return
            }
            #expect(limit == TraceRequest.defaultMemoryLimit)
            #expect(estimate.bytes > 1_000_000_000_000)
            #expect("\(TraceError.tooLarge(estimate, limit: limit))".hasSuffix("more than the limit of 4.0 GB; raise the memory limit to allow it"))
        }
    }

    @Test func theEstimateGrowsWithHeadsAndLengthsAndALargerLimitAllowsIt() throws {
        let small = try AttentionTracer().trace(TraceRequest(variant: .multiHead, source: "a b c d", options: .init(heads: 2),
                                                             memoryLimit: 1_000_000))
        #expect(small.result["weights"]?.values?.shape == [2, 4, 4])
        #expect(throws: TraceError.self) {
            try AttentionTracer().trace(TraceRequest(variant: .multiHead, source: "a b c d", options: .init(heads: 2),
                                                     memoryLimit: 10_000))
        }
    }
}

@Suite struct RankTests {
    @Test func aTensorWithTooManyDimensionsIsRefusedNotTrapped() {
        let spec = InputSpec(tensors: ["query": Tensor(shape: [2, 1, 2], scalars: [1, 2, 3, 4]), "keys": Tensor(rows: [[1, 2]])])
        #expect(throws: TraceError.notAMatrix(tensor: "query", shape: [2, 1, 2])) {
            try AttentionTracer().trace(TraceRequest(variant: .dot, spec: spec))
        }
        #expect("\(TraceError.notAMatrix(tensor: "query", shape: [2, 1, 2]))"
                    == "tensor 'query' has shape [2, 1, 2], but it must be a matrix (or a vector, read as one row)")
    }
}
