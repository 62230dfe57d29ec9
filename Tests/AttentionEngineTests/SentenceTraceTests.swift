import AttentionEngine
import AttentionTrace
import Foundation
import Testing
import TestSupport

@Suite struct SentenceTraceTests {
    static let source = "the man who visited the zoo yesterday"
    static let target = "l'homme qui a visité le zoo hier"

    static func request(_ variant: Variant, seed: UInt64 = TraceRequest.defaultSeed) -> TraceRequest {
        TraceRequest(variant: variant, source: source, target: variant.sides == .sourceOnly ? nil : target, seed: seed,
                     parameters: .seeded)
    }

    @Test func tokensKeepTheirSpellingAndSplitElision() {
        let tokens = Tokenizer().tokens(of: "L'homme a visité le Zoo, hier!")
        #expect(tokens.map(\.label) == ["L'", "homme", "a", "visité", "le", "Zoo", ",", "hier", "!"])
        #expect(tokens[5].text == "zoo")
    }

    @Test(arguments: Variant.allCases)
    func everyVariantTracesFromASentence(_ variant: Variant) throws {
        let trace = try AttentionTracer().trace(Self.request(variant))
        #expect(trace.variant == variant.rawValue)
        #expect(trace.sourceTokens?.count == 7)
        for result in trace.result.values { #expect(result.scalars?.allSatisfy { $0.isFinite } == true) }
        if let weights = trace.result["weights"]?.values ?? trace.result["weights_document"]?.values {
            #expect(weights.scalars.allSatisfy { $0 >= 0 && $0 <= 1 })
        } else {
            // The online softmax and the cached decoder never form the n × n weights.
            #expect([Variant.flash, .kvCache].contains(variant))
            #expect(trace.result["output"]?.values != nil)
        }
        #expect(trace.steps.first?.id.hasPrefix("encode") == true)
        // Every operand named by a provenance record is itself in the trace.
        let ids = Set(trace.steps.flatMap(\.tensors).map(\.id))
        for tensor in trace.steps.flatMap(\.tensors) {
            for operand in tensor.provenance.operands { #expect(ids.contains(operand), "\(tensor.id) reads \(operand)") }
        }
    }

    @Test func additiveRecordsEveryGateAtEveryPosition() throws {
        let trace = try AttentionTracer().trace(Self.request(.additive))
        for direction in ["forward", "backward"] {
            for gate in ["z", "r", "candidate", "h"] {
                #expect(trace.tensor("encode.\(direction).\(gate)")?.shape == [7, 4], "\(direction) \(gate)")
            }
        }
        #expect(trace.tensor("keys")?.shape == [7, 8])
        #expect(trace.tensor("query")?.shape == [8, 8])
        #expect(trace.result["weights"]?.values?.shape == [8, 7])
        #expect(trace.inputs.keys.sorted() == ["W_a", "keys", "query", "v_a"])
    }

    /// The concatenation [s ; h_i] names its annotation half as the annotations are named, not
    /// `h0 … h7` beside `→0 … ←3` on the keys (issue 11, item 19).
    @Test(arguments: [Variant.additive, .concat])
    func theConcatenationNamesItsHalvesAsTheStateAndTheAnnotationsAre(_ variant: Variant) throws {
        let trace = try AttentionTracer().trace(Self.request(variant))
        let keys = try #require(trace.tensor("keys")?.columnAxis.labels)
        #expect(keys == ["→0", "→1", "→2", "→3", "←0", "←1", "←2", "←3"])
        let concatenation = try #require(trace.tensor("t0.concatenate.c")?.columnAxis.labels)
        #expect(concatenation == (0..<8).map { "s\($0)" } + keys)
        #expect(trace.tensor("W_a")?.columnAxis.labels == concatenation)
    }

    @Test func theSameSeedGivesTheSameTraceAndAnotherSeedDoesNot() throws {
        let a = try AttentionTracer().trace(Self.request(.additive, seed: 7))
        let b = try AttentionTracer().trace(Self.request(.additive, seed: 7))
        let c = try AttentionTracer().trace(Self.request(.additive, seed: 8))
        #expect(a == b)
        #expect(a.result.mapValues(\.values) != c.result.mapValues(\.values))
    }

    @Test func aWordHasTheSameEmbeddingInEverySentence() throws {
        let one = try AttentionTracer().trace(TraceRequest(variant: .selfAttention, source: "the zoo"))
        let two = try AttentionTracer().trace(TraceRequest(variant: .selfAttention, source: "a big zoo opened"))
        let first = try #require(one.tensor("encode.X.x")?.values), second = try #require(two.tensor("encode.X.x")?.values)
        #expect(Array(first.scalars[8..<16]) == Array(second.scalars[16..<24]))
    }

    @Test func theInputsOfASentenceTraceReproduceItsResult() throws {
        let trace = try AttentionTracer().trace(Self.request(.additive))
        let again = try AttentionTracer().trace(TraceRequest(variant: .additive, spec: InputSpec(tensors: trace.inputs)))
        #expect(again.result.mapValues(\.values) == trace.result.mapValues(\.values))
    }

    @Test func localPSaysItsWeightsDoNotSumToOne() throws {
        let trace = try AttentionTracer().trace(Self.request(.localP))
        #expect(trace.warnings.contains { $0.contains("does not sum to 1") })
        #expect(trace.steps.contains { $0.id == "t0.gaussian" })
    }
}
