import Testing
@testable import AttentionText

@Suite struct TextBufferTests {
    @Test func keepsEveryPieceInOrderAcrossGrowth() {
        var text = TextBuffer(capacity: 8)
        var expected = ""
        for k in 0..<1_000 {
            let piece = k % 3 == 0 ? "שלום 🐈 & \(k)" : "<td id=\"t0.e[\(k),0]\">"
            text += piece
            text += piece.dropFirst()
            expected += piece + piece.dropFirst()
        }
        #expect(text.text == expected)
    }

    /// Long ASCII runs become strings of their own; their ends must fall between characters.
    @Test func joinsLongASCIIRunsAndTheCharactersAroundThem() {
        for length in 1_015...1_041 {
            let ascii = String(repeating: "<td>1", count: length / 5 + 1).prefix(length)
            let expected = "→" + ascii + "α" + ascii + ascii + "🐈" + ascii.dropFirst(3) + "é"
            var text = TextBuffer(capacity: 16)
            text += expected
            #expect(text.text == expected, "\(length)")
        }
    }

    @Test(arguments: [0, 7, -7, 10, -1_000, 123_456_789, Int.max, Int.min])
    func writesIntegersAsStringDoes(_ number: Int) {
        var text = TextBuffer()
        text.append(decimal: number)
        #expect(text.text == String(number))
    }

    @Test(arguments: [0.0, -0.00001, 0.03125, -2.0 / 3.0, 12345.5, 1e300, -.infinity, .infinity, .nan])
    func writesNumbersAsFixedReturnsThem(_ value: Double) {
        var text = TextBuffer()
        NumberFormatting.appendFixed(value, to: &text)
        #expect(text.text == NumberFormatting.fixed(value))
    }
}
