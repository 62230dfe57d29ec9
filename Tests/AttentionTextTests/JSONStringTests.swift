import Foundation
import Testing
@testable import AttentionText

/// JSON strings for a page's data islands: valid JSON that cannot end the `<script>` holding it.
@Suite struct JSONStringTests {
    @Test func escapesMarkupAndRoundTrips() throws {
        let text = "</script><!-- \"é\" & \\ \u{2028} 🐈 שלום\n\t"
        var buffer = TextBuffer()
        appendJSONString(text, to: &buffer)
        let json = buffer.text
        #expect(!json.contains("<") && !json.contains(">") && !json.contains("&"))
        #expect(json == #""\u003c/script\u003e\u003c!-- \"é\" \u0026 \\ \u2028 🐈 שלום\n\u0009""#)
        let decoded = try JSONDecoder().decode(String.self, from: Data(json.utf8))
        #expect(decoded == text)
    }
}
