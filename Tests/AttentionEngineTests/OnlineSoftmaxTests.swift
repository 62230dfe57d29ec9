import AttentionEngine
import AttentionTrace
import Foundation
import Testing
import TestSupport

/// `flash`: FlashAttention's online softmax over key blocks equals ordinary self-attention, records
/// its running statistics, and never builds an n × n matrix.
@Suite struct OnlineSoftmaxTests {
    static let source = "the man who visited the zoo yesterday"

    func trace(_ variant: Variant, _ options: MechanismOptions = .init()) throws -> Trace {
        try AttentionTracer().trace(TraceRequest(variant: variant, source: Self.source, options: options))
    }

    @Test(arguments: [1, 2, 3, 7, 20])
    func equalsOrdinarySelfAttention(blockSize: Int) throws {
        let online = try trace(.flash, .init(blockSize: blockSize))
        let ordinary = try trace(.selfAttention)
        let output = try #require(online.result["output"]?.values)
        let expected = try #require(ordinary.result["output"]?.values)
        #expect(output.shape == expected.shape)
        #expect(maxAbsoluteDifference(output.scalars, expected.scalars) <= 1e-12)
        // L = log Σ_j exp(S_ij), from the ordinary trace's row maximum and sum.
        let lse = try #require(online.result["logsumexp"]?.values)
        let maxima = try #require(ordinary.tensor("normalise.max")?.values)
        let sums = try #require(ordinary.tensor("normalise.sum")?.values)
        for i in 0..<7 {
            #expect(abs(lse[[i, 0]] - (maxima[[i, 0]] + log(sums[[i, 0]]))) <= 1e-12)
        }
    }

    @Test(arguments: [1, 2, 4])
    func equalsCausalAttentionWithBlockMasks(blockSize: Int) throws {
        let online = try trace(.flash, .init(causal: true, blockSize: blockSize))
        let output = try #require(online.result["output"]?.values)
        let expected = try #require(try trace(.causal).result["output"]?.values)
        #expect(maxAbsoluteDifference(output.scalars, expected.scalars) <= 1e-12)
        // Block b's mask compares the key position b·B + j with the query position i.
        let mask = try #require(online.tensor("block1.M")?.values)
        for i in 0..<7 {
            for j in 0..<min(blockSize, 7 - blockSize) {
                #expect(mask[[i, j]] == (blockSize + j <= i ? 1 : 0))
            }
        }
        #expect(online.tensor("block1.M")?.provenance == Provenance(.causalMask, range: [blockSize]))
        #expect(online.warnings.isEmpty)
    }

    @Test func eachBlockRescalesWhatCameBefore() throws {
        let online = try trace(.flash, .init(blockSize: 3))
        #expect(online.steps.map(\.id).filter { $0.hasPrefix("block") } == ["block0", "block1", "block2"])
        #expect(online.tensor("block2.K")?.shape == [1, 8])   // 7 keys: blocks of 3, 3 and 1
        let previous = try #require(online.tensor("block0.max")?.values)
        let maximum = try #require(online.tensor("block1.max")?.values)
        let alpha = try #require(online.tensor("block1.alpha")?.values)
        let oldSum = try #require(online.tensor("block0.block-sum")?.values)
        let blockSum = try #require(online.tensor("block1.block-sum")?.values)
        let sum = try #require(online.tensor("block1.sum")?.values)
        for i in 0..<7 {
            #expect(maximum[[i, 0]] >= previous[[i, 0]])
            #expect(alpha[[i, 0]] == exp(previous[[i, 0]] - maximum[[i, 0]]))
            #expect(sum[[i, 0]] == alpha[[i, 0]] * oldSum[[i, 0]] + blockSum[[i, 0]])
        }
        // No recorded tensor is n × n: scores come in n × B blocks.
        #expect(online.steps.flatMap(\.tensors).allSatisfy { $0.shape != [7, 7] })
        #expect(online.tensor("block0.S")?.shape == [7, 3])
        #expect(try trace(.selfAttention).tensor("scores.S")?.shape == [7, 7])
        let finish = try #require(online.steps.first { $0.id == "finish" })
        #expect(finish.explanation.contains("98 numbers for n = 7"))
        #expect(finish.explanation.contains("56 numbers for B = 3"))
    }

    @Test func aBlockOfZeroAndOptionsItDoesNotTakeAreRefused() {
        #expect(throws: TraceError.self) { try trace(.flash, .init(blockSize: 0)) }
        do {
            _ = try trace(.flash, .init(blockSize: 0))
        } catch {
            #expect("\(error)" == "block_size must be at least 1 (the keys each block of the online softmax reads), got 0")
        }
        #expect(throws: TraceError.self) { try trace(.flash, .init(heads: 2)) }
        #expect(throws: TraceError.self) { try trace(.selfAttention, .init(blockSize: 2)) }
        #expect(Variant.flash.options == [.blockSize, .causal])
    }
}
