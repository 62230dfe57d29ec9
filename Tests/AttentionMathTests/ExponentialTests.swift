@testable import AttentionMath
import Foundation
import Testing

@Suite struct ExponentialTests {
    /// `exp` of one value through the eight-lane kernel.
    private func exp8(_ x: Double) -> Double {
        Lanes.exp(Lanes(repeating: x))[0]
    }

    /// The distance in units in the last place between two finite non-negative doubles.
    private func ulps(_ a: Double, _ b: Double) -> UInt64 {
        a.bitPattern > b.bitPattern ? a.bitPattern - b.bitPattern : b.bitPattern - a.bitPattern
    }

    /// `count` values spread over `range` by a fixed linear congruential sequence.
    private func samples(_ count: Int, in range: ClosedRange<Double>, seed: UInt64) -> [Double] {
        var generator = LinearCongruential(seed: seed)
        return (0..<count).map { _ in
            range.lowerBound + (generator.next() + 1) / 2 * (range.upperBound - range.lowerBound)
        }
    }

    /// Every value through the kernel, eight at a time.
    private func exp8(_ values: [Double]) -> [Double] {
        stride(from: 0, to: values.count, by: 8).flatMap { start in
            let block = Array(values[start..<min(start + 8, values.count)])
            var lanes = Lanes(repeating: 0)
            for (lane, x) in block.enumerated() { lanes[lane] = x }
            let result = Lanes.exp(lanes)
            return block.indices.map { result[$0] }
        }
    }

    @Test func specialValuesAreExact() {
        #expect(exp8(0) == 1)
        #expect(exp8(-0.0) == 1)
        #expect(exp8(-.infinity) == 0)
        #expect(exp8(-.infinity).sign == .plus)
        #expect(exp8(.infinity) == .infinity)
        #expect(exp8(.nan).isNaN)
        #expect(exp8(1e-300) == 1)
        #expect(exp8(-1e-300) == 1)
    }

    @Test func overflowAndUnderflowHappenWhereTheyShould() {
        #expect(exp8(709.78) == 1.7928227943945155e308)
        #expect(exp8(709.79) == .infinity)
        #expect(exp8(1000) == .infinity)
        // e^−708.39 is the last normal result, e^−745.13 the smallest subnormal.
        #expect(exp8(-708.39) == 2.2394014988804677e-308)
        #expect(exp8(-708.4).isSubnormal)
        #expect(exp8(-745.13) == .leastNonzeroMagnitude)
        #expect(exp8(-745.14) == 0)
        #expect(exp8(-1000) == 0)
    }

    @Test func subnormalResultsAgreeWithTheCLibrary() {
        for x in samples(20_000, in: -745.1 ... -708.4, seed: 3) {
            #expect(ulps(exp8(x), Foundation.exp(x)) <= 1, "exp(\(x))")
        }
    }

    /// Pins the algorithm: these bit patterns must be the same on every machine.
    @Test func resultsAreTheDocumentedBitPatterns() {
        #expect(exp8(1).bitPattern == 0x4005_BF0A_8B14_576A)  // 2.7182818284590455, 1 ulp above e
        #expect(exp8(-1) == 0.36787944117144233)
        #expect(exp8(0.5).bitPattern == 0x3FFA_6129_8E1E_069C)
        #expect(exp8(-0.5 * M_LN2) == 0.7071067811865475)
        #expect(exp8(-20) == 2.061153622438558e-09)
    }

    @Test func everyLaneIsComputedOnItsOwn() {
        let x = Lanes(-3, 0, 2.5, -.infinity, -700, 1e-9, 88, -0.125)
        let result = Lanes.exp(x)
        for lane in 0..<Lanes.scalarCount {
            #expect(result[lane].bitPattern == exp8(x[lane]).bitPattern)
        }
    }

    /// Within 1 ulp of glibc's `exp` (which is within 0.52 ulp of the exact value) over
    /// the softmax's range and the whole finite range, and equal to it for about 90% of values.
    @Test func agreesWithTheCLibraryWithinOneULP() {
        for (range, seed) in [(-40.0 ... 0.0, UInt64(1)), (-745.2 ... 709.8, 2), (-1e-3 ... 1e-3, 4)] {
            let values = samples(200_000, in: range, seed: seed)
            let differences = zip(exp8(values), values).map { ulps($0, Foundation.exp($1)) }
            #expect(differences.max() ?? 0 <= 1, "over \(range)")
            let differing = Double(differences.filter { $0 != 0 }.count) / Double(values.count)
            #expect(differing < 0.11, "over \(range): \(differing * 100)% differ from the C library")
        }
    }

    #if arch(x86_64)
    /// Within 1 ulp of the exact value, measured against the x87 `expl` (64-bit significand).
    @Test func errorIsBelowOneULPOfTheExactValue() {
        let values = samples(200_000, in: -745.0 ... 709.7, seed: 5) + samples(200_000, in: -40 ... 0, seed: 6)
        var largest: Float80 = 0
        for (result, x) in zip(exp8(values), values) where result.isNormal {
            let exact = Foundation.expl(Float80(x))
            // The smaller ulp when the result is a power of two and the exact value lies below it.
            let ulp = Float80(min(result.ulp, result.nextDown.ulp))
            largest = max(largest, abs(Float80(result) - exact) / ulp)
        }
        #expect(largest < 1)
        #expect(largest > 0.5)  // not correctly rounded: the documented bound is 1 ulp
    }
    #endif
}
