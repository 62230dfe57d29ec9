import AttentionEngine
import AttentionTrace
import Foundation
import Testing
import TestSupport

/// The options of later Transformers on the dot-product family: sliding windows (Mistral), ALiBi
/// (Press et al. 2022) and grouped key and value heads (Ainslie et al. 2023), what they record,
/// and how they refuse input that does not fit.
@Suite struct LaterModelOptionTests {
    func trace(_ variant: Variant, _ options: MechanismOptions, source: String = "we saw the old red barn") throws -> Trace {
        try AttentionTracer().trace(TraceRequest(variant: variant, source: source, options: options))
    }

    // MARK: - Bad input

    @Test func aWindowBelowOneIsRefusedByName() {
        #expect(failure(TraceRequest(variant: .causal, source: "a b", options: .init(slidingWindow: 0)))
                    == "sliding_window must be at least 1 (the W positions i − W < j ≤ i each query sees), got 0")
        #expect(failure(TraceRequest(variant: .causal, source: "a b", options: .init(slidingWindow: -2)))?
                    .hasPrefix("sliding_window must be at least 1") == true)
    }

    @Test func aWindowOrALiBiWithoutTheCausalMaskIsRefused() {
        #expect(failure(TraceRequest(variant: .selfAttention, source: "a b", options: .init(slidingWindow: 2)))
                    == "sliding_window needs causal = true: the window i − W < j ≤ i looks back only")
        #expect(failure(TraceRequest(variant: .multiHead, source: "a b", options: .init(heads: 2, causal: false, alibi: true)))
                    == "alibi needs causal = true: ALiBi penalises keys behind the query, −m_h · (i − j) for j ≤ i")
    }

    @Test func keyAndValueHeadsMustDivideTheHeads() {
        #expect(failure(TraceRequest(variant: .multiHead, source: "a b", options: .init(heads: 4, kvHeads: 3)))
                    == "kv_heads must divide heads = 4, got 3")
        #expect(failure(TraceRequest(variant: .multiHead, source: "a b", options: .init(heads: 4, kvHeads: 0)))
                    == "kv_heads must be at least 1, got 0")
        #expect(failure(TraceRequest(variant: .cross, source: "a b", target: "c", options: .init(kvHeads: 1)))
                    == "kv_heads needs heads: it says how many key and value heads the query heads share")
    }

    @Test func singleHeadVariantsDoNotTakeKeyAndValueHeads() {
        #expect(failure(TraceRequest(variant: .causal, source: "a b", options: .init(kvHeads: 1)))?
                    .contains("kv_heads") == true)
        #expect(Variant.causal.options == [.slidingWindow, .sinkTokens, .alibi, .rope, .ropeBase, .ropeDims, .sinks, .bias])
        #expect(Variant.multiHead.options
                    == [.heads, .causal, .slidingWindow, .sinkTokens, .alibi, .kvHeads, .rope, .ropeBase, .ropeDims, .sinks, .bias])
        #expect(Variant.cross.options == [.heads, .causal, .slidingWindow, .sinkTokens, .alibi, .kvHeads, .sinks, .bias])
    }

    @Test func groupedProjectionsOfTheWrongWidthAreNamed() throws {
        let x = Tensor(rows: [[1, 0, 0, 1], [0, 1, 1, 0]])
        let square = Tensor(rows: (0..<4).map { i in (0..<4).map { j in i == j ? 1 : 0 } })
        let spec = InputSpec(tensors: ["X": x, "W_Q": square, "W_K": square, "W_V": square, "W_O": square],
                             options: .init(heads: 2, kvHeads: 1))
        #expect(failure(TraceRequest(variant: .multiHead, spec: spec))
                    == "tensor 'W_K' has shape [4, 4], expected [4, 2] (d_model x kv_heads·d_k, d_model = 4, kv_heads = 1, d_k = 2)")
    }

    @Test func theNewOptionsAreReadFromASpec() throws {
        let spec = try InputSpec(json: Data(#"{"options": {"heads": 2, "kv_heads": 1, "causal": true, "alibi": true, "sliding_window": 3}}"#.utf8),
                                 file: "spec.json")
        #expect(spec.options == MechanismOptions(heads: 2, causal: true, slidingWindow: 3, alibi: true, kvHeads: 1))
        #expect(throws: TraceError.self) {
            _ = try InputSpec(json: Data(#"{"options": {"kv_head": 1}}"#.utf8), file: "spec.json")
        }
    }

    // MARK: - ALiBi

    @Test func aLiBiSlopesFollowThePaper() throws {
        // Eight heads: 2^(−8(h+1)/8) = 1/2, 1/4, …, 1/256.
        let eight = try trace(.multiHead, .init(heads: 8, causal: true, alibi: true))
        for h in 0..<8 {
            let bias = try #require(eight.tensor("head\(h).alibi.B")?.values)
            // B[1, 0] = −m_h · (1 − 0).
            let slope: Double = pow(2, -Double(h + 1))
            #expect(bias[[1, 0]] == -slope)
        }
        // Three heads, not a power of two: 2^−4, 2^−8 (two heads), then 2^−2 (every other of four).
        let three = try AttentionTracer().trace(TraceRequest(
            variant: .multiHead, spec: InputSpec(tensors: ["X": Tensor(rows: [[1, 0, 0, 0, 0, 1], [0, 1, 0, 0, 1, 0]])]),
            options: .init(heads: 3, causal: true, alibi: true)))
        var slopes: [Double] = []
        for h in 0..<3 {
            let bias = try #require(three.tensor("head\(h).alibi.B")?.values)
            slopes.append(-bias[[1, 0]])
        }
        let expected: [Double] = [1.0 / 16, 1.0 / 256, 1.0 / 4]
        #expect(slopes == expected)
    }

    @Test func aLiBiAddsItsBiasToTheScaledScores() throws {
        let trace = try trace(.causal, .init(alibi: true))
        let scores = try #require(trace.tensor("scores.S")?.values)
        let bias = try #require(trace.tensor("alibi.B")?.values)
        let biased = try #require(trace.tensor("alibi.biased")?.values)
        #expect(bias[[3, 1]] == -2.0 / 256)
        #expect(bias[[2, 2]] == 0)
        #expect(biased[[3, 1]] == scores[[3, 1]] + bias[[3, 1]])
        #expect(trace.tensor("mask.masked")?.provenance.operands.first == "alibi.biased")
    }

    // MARK: - Sliding window

    @Test func aSlidingWindowKeepsExactlyTheLastWPositions() throws {
        let trace = try trace(.causal, .init(slidingWindow: 2))
        let mask = try #require(trace.tensor("mask.M")?.values)
        let weights = try #require(trace.result["weights"]?.values)
        for i in 0..<6 {
            for j in 0..<6 {
                let allowed = i - 2 < j && j <= i
                #expect(mask[[i, j]] == (allowed ? 1 : 0), "M[\(i), \(j)]")
                if !allowed { #expect(weights[[i, j]] == 0) }
            }
        }
        #expect(trace.tensor("mask.M")?.provenance.operation == .multiply)
        #expect(trace.tensor("mask.window")?.provenance == Provenance(.window, ["mask.centre"], factor: 1))
    }

    @Test func aWindowAsWideAsTheSequenceChangesNoNumber() throws {
        let plain = try trace(.causal, .init())
        let windowed = try trace(.causal, .init(slidingWindow: 6))
        #expect(windowed.result["weights"] == plain.result["weights"])
        #expect(windowed.result["output"] == plain.result["output"])
    }

    @Test func streamingLLMKeepsTheFirstTokensBesideTheWindow() throws {
        let trace = try trace(.causal, .init(slidingWindow: 2, sinkTokens: 2), source: "we saw the old red barn today")
        let mask = try #require(trace.tensor("mask.M")?.values)
        for i in 0..<7 {
            for j in 0..<7 {
                let allowed = j <= i && (i - 2 < j || j < 2)
                #expect(mask[[i, j]] == (allowed ? 1 : 0), "M[\(i), \(j)]")
            }
        }
        #expect(trace.tensor("mask.kept")?.provenance == Provenance(.subtract, ["mask.either", "mask.both"]))
        #expect(failure(TraceRequest(variant: .causal, source: "a b", options: .init(sinkTokens: 1)))
                    == "sink_tokens needs sliding_window: the first tokens are kept beside a window that drops the rest")
        #expect(failure(TraceRequest(variant: .causal, source: "a b", options: .init(slidingWindow: 2, sinkTokens: 0)))
                    == "sink_tokens must be at least 1 (the first tokens every query keeps), got 0")
    }

    // MARK: - Grouped-query attention

    @Test func queryHeadsShareTheirGroupsKeysAndValues() throws {
        let trace = try trace(.multiHead, .init(heads: 4, kvHeads: 2))
        let split = try #require(trace.steps.first { $0.id == "split" })
        let order: [TensorID] = ["split.Q0", "split.K0", "split.V0", "split.Q1", "split.Q2", "split.K1", "split.V1", "split.Q3"]
        #expect(split.tensors.map(\.id) == order)
        #expect(split.explanation.contains("query heads 0, 1 read K_0 and V_0; query heads 2, 3 read K_1 and V_1"))
        // d_model = 8, d_k = 2: 2 · 2 · 2 = 8 numbers per position instead of 16, for 6 positions.
        #expect(split.explanation.contains("8 numbers per position (2 · 2 · d_k) instead of 16 (2 · 4 · d_k), 48 instead of 96 for these 6 positions, 50% less"))
        #expect(trace.tensor("head1.scores.QK")?.provenance.operands == ["split.Q1", "split.K0"])
        #expect(trace.tensor("head2.scores.QK")?.provenance.operands == ["split.Q2", "split.K1"])
        #expect(trace.tensor("project.K")?.shape == [6, 4])
    }

    @Test func oneKeyAndValueHeadIsMultiQueryAttention() throws {
        let trace = try trace(.multiHead, .init(heads: 4, causal: true, kvHeads: 1))
        for h in 0..<4 {
            #expect(trace.tensor("head\(h).weighted-sum.Z")?.provenance.operands == ["head\(h).normalise.weights", "split.V0"])
        }
        #expect(trace.inputs["W_K"]?.shape == [8, 2])
    }

    @Test func asManyKeyAndValueHeadsAsHeadsIsPlainMultiHeadAttention() throws {
        let plain = try trace(.multiHead, .init(heads: 2, causal: true))
        let grouped = try trace(.multiHead, .init(heads: 2, causal: true, kvHeads: 2))
        #expect(grouped.result == plain.result)
        #expect(grouped.steps.map(\.tensors) == plain.steps.map(\.tensors))
    }

    // MARK: - Attention sinks

    @Test func aSinkLogitTakesAShareOfEveryRowAndSaysSo() throws {
        let trace = try trace(.multiHead, .init(heads: 2, causal: true, sinks: true))
        let weights = try #require(trace.result["weights"]?.values)
        let sinks = try #require(trace.inputs["sinks"])
        #expect(sinks.shape == [2])
        for h in 0..<2 {
            let all = try #require(trace.tensor("head\(h).normalise.weights")?.values)
            #expect(all.shape == [6, 7])
            for i in 0..<6 {
                let kept = (0..<6).map { weights[[h, i, $0]] }.reduce(0, +)
                // What the keys do not get is exactly the sink column's weight.
                #expect(abs(kept + all[[i, 6]] - 1) <= 1e-12)
                #expect(kept < 1)
            }
        }
        #expect(trace.tensor("head1.normalise.with-sink")?.provenance.operands == ["head1.mask.masked", "head1.normalise.sink"])
        #expect(trace.warnings.contains { $0.hasPrefix("with sink logits each row's weights sum to less than 1") })
        // The masked scores stay masked through the concatenation: no overflow is reported.
        #expect(trace.tensor("head0.normalise.with-sink")?.values?[[0, 3]] == -.infinity)
    }

    @Test func sinkLogitsOfTheWrongLengthAreNamed() {
        let spec = InputSpec(tensors: ["sinks": Tensor(vector: [1, 2, 3])], options: .init(heads: 2, sinks: true))
        #expect(failure(TraceRequest(variant: .multiHead, source: "a b", spec: spec))
                    == "tensor 'sinks' has shape [3], expected [2] (one sink logit per head, h = 2)")
        let unused = InputSpec(tensors: ["sinks": Tensor(vector: [1])])
        #expect(failure(TraceRequest(variant: .causal, source: "a b", spec: unused))?.contains("sinks") == true)
    }
}
