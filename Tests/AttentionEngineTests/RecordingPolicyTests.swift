import AttentionEngine
import AttentionTrace
import Testing

/// A bounded recording policy keeps the small tensors exactly as a full trace does
/// and only summaries of the large ones.
@Suite struct RecordingPolicyTests {
    /// Two heads over 10 tokens of width 8: the 10 × 10 score matrices have 100 numbers,
    /// the stacked weights 200, the 10 × 8 projections 80 and the heads' slices 40.
    func trace(_ policy: RecordingPolicy) throws -> Trace {
        let request = TraceRequest(variant: .multiHead, source: "one two three four five six seven eight nine ten",
                                   options: .init(heads: 2), recording: policy)
        return try AttentionTracer().trace(request)
    }

    @Test func largeTensorsAreSummariesOfWhatAFullTraceKeeps() throws {
        let full = try trace(.full)
        let bounded = try trace(RecordingPolicy(largestStoredTensor: 90))
        #expect(bounded.recording.largestStoredTensor == 90)
        #expect(full.recording == .full)
        let kept = full.steps.flatMap(\.tensors)
        let summarized = bounded.steps.flatMap(\.tensors).filter { $0.summary != nil }
        // Q Kᵀ, S, shifted, exp and weights of each head.
        #expect(summarized.count == 10)
        #expect(Set(summarized.map(\.id)).isSuperset(of: ["head0.scores.QK", "head1.normalise.weights"]))
        for tensor in summarized {
            let original = try #require(kept.first { $0.id == tensor.id }?.values)
            #expect(original.scalars.count > 90)
            #expect(tensor.summary == TensorSummary(original))
            let recorded = try #require(kept.first { $0.id == tensor.id })
            #expect(tensor.shape == recorded.shape && tensor.axes == recorded.axes && tensor.provenance == recorded.provenance)
        }
        // Everything else is kept, number for number, and every step keeps its order.
        for (fullStep, boundedStep) in zip(full.steps, bounded.steps) {
            #expect(boundedStep.tensors.map(\.id) == fullStep.tensors.map(\.id))
            #expect(boundedStep.tensors.filter { $0.values != nil } == fullStep.tensors.filter { ($0.values?.scalars.count ?? 0) <= 90 })
        }
        #expect(bounded.inputs == full.inputs)
    }

    @Test func stackedWeightsAreSummarisedHeadByHead() throws {
        let full = try trace(.full)
        let bounded = try trace(RecordingPolicy(largestStoredTensor: 90))
        let weights = try #require(full.result["weights"]?.values)
        #expect(weights.shape == [2, 10, 10])
        #expect(bounded.result["weights"]?.values == nil)
        #expect(bounded.result["weights"]?.summary == TensorSummary(weights))
        #expect(bounded.result["output"]?.values == full.result["output"]?.values)
        // The stack still names the head each matrix repeats, and labels its axes.
        #expect(bounded.result["weights"]?.sources == ["head0.normalise.weights", "head1.normalise.weights"])
        #expect(bounded.result["weights"]?.axes.map(\.name) == ["head", "source", "source"])
    }

    @Test func theDefaultPolicyKeepsEveryNumberOfASentence() throws {
        let trace = try AttentionTracer().trace(TraceRequest(variant: .multiHead, source: "the cat sat", options: .init(heads: 2)))
        #expect(trace.recording == .bounded)
        #expect(trace.steps.flatMap(\.tensors).allSatisfy { $0.values != nil })
        #expect(trace.result.values.allSatisfy { $0.summary == nil })
    }

    @Test func theEstimateCountsOneHeadsScoresWhenTheyAreSummarised() throws {
        // 2,000 tokens, 8 heads: 4,000,000 scores per head, above the bounded policy's size.
        let words = (0..<2000).map { "w\($0)" }.joined(separator: " ")
        func estimate(_ policy: RecordingPolicy) -> TraceSizeEstimate? {
            let request = TraceRequest(variant: .multiHead, source: words, options: .init(heads: 8), memoryLimit: 1,
                                       recording: policy)
            do {
                _ = try AttentionTracer().trace(request)
            } catch {
                if case .tooLarge(let estimate, limit: 1) = error { return estimate }
            }
            return nil
        }
        let full = try #require(estimate(.full)), bounded = try #require(estimate(.bounded))
        // Seven n x n matrices per head, for all eight heads or for the one being computed.
        #expect(full.recordedNumbers - bounded.recordedNumbers == 7 * 7 * 2000 * 2000)
    }
}
