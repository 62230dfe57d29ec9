import Foundation
import Testing
@testable import AttentionText

@Suite struct NumberFormattingTests {
    @Test(arguments: [
        (0.0, "0.0000"), (1.0 / 3.0, "0.3333"), (-2.0 / 3.0, "-0.6667"), (-0.00001, "0.0000"),
        (0.00005, "0.0001"), (12345.5, "12345.5000"), (-Double.infinity, "masked"),
    ])
    func fourDecimals(_ value: Double, _ text: String) {
        #expect(NumberFormatting.fixed(value) == text)
    }

    /// Odd multiples of 1/32 are the doubles that lie exactly halfway between two
    /// four-decimal numbers; `%.4f` rounds them to the even one (0.03125 → 0.0312).
    @Test func agreesWithPrintfIncludingExactTies() {
        var values: [Double] = [0.03125, 0.09375, -0.03125, 1.15625, 0.99995, 9.99995, .leastNonzeroMagnitude, .leastNormalMagnitude,
                                NumberFormatting.largestFastMagnitude, NumberFormatting.largestFastMagnitude.nextDown]
        values += (0..<2_000).map { Double($0) / 32 - 20 }
        values += (0..<2_000).map { Double($0) / 10_000 + 0.00005 }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<20_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let magnitude = Double(state >> 11) / Double(1 << 53) * pow(10, Double(Int(state % 34)) - 20)
            values.append(state & 1 == 0 ? magnitude : -magnitude)
        }
        for value in values {
            let printed = String(format: "%.4f", value)
            #expect(NumberFormatting.fixed(value) == (printed == "-0.0000" ? "0.0000" : printed), "\(value)")
        }
    }

    @Test func hugeValuesAreNotTruncated() {
        #expect(NumberFormatting.fixed(1e300).count == 301 + 5)
        #expect(NumberFormatting.fixed(-Double.greatestFiniteMagnitude).hasSuffix(".0000"))
    }

    @Test func exactFormIsShortest() {
        #expect(NumberFormatting.exact(0.125) == "0.125")
        #expect(NumberFormatting.exact(2) == "2")
        #expect(NumberFormatting.exact(1.0 / 3.0) == "0.3333333333333333")
    }
}
