import Testing
@testable import AttentionRendering

@Suite struct NumberFormattingTests {
    @Test(arguments: [
        (0.0, "0.0000"), (1.0 / 3.0, "0.3333"), (-2.0 / 3.0, "-0.6667"), (-0.00001, "0.0000"),
        (0.00005, "0.0001"), (12345.5, "12345.5000"), (-Double.infinity, "masked"),
    ])
    func fourDecimals(_ value: Double, _ text: String) {
        #expect(NumberFormatting.fixed(value) == text)
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
