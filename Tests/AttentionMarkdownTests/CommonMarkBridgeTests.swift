@testable import AttentionMarkdown
import Testing

@Suite struct CommonMarkBridgeTests {
    static let lesson = """
        # Additive attention

        Some *intro* with `code` & a [link](https://example.org "T").

        ```{trace}
        variant: additive
        source: le chat
        ```

        - one
        - two

        3. three

        > quoted

        ---

        <div class="note">raw</div>

        ![a cat](cat.png)
        """

    @Test func parsesFencedTraceBlockWithInfoLiteralAndLine() throws {
        let document = try Document(parsing: Self.lesson)
        let fence = try #require(document.blocks.first { if case .codeBlock = $0.kind { true } else { false } })
        #expect(fence.kind == .codeBlock(info: "{trace}", literal: "variant: additive\nsource: le chat\n"))
        #expect(fence.line == 5)
    }

    @Test func parsesEveryBlockWithItsStartLine() throws {
        let blocks = try Document(parsing: Self.lesson).blocks
        #expect(blocks.map(\.line) == [1, 3, 5, 10, 13, 15, 17, 19, 21])
        #expect(blocks[0].kind == .heading(level: 1, [.text("Additive attention")]))
        #expect(blocks[1].kind == .paragraph([
            .text("Some "), .emphasis([.text("intro")]), .text(" with "), .code("code"), .text(" & a "),
            .link(destination: "https://example.org", title: "T", [.text("link")]), .text("."),
        ]))
        #expect(withoutLines([blocks[3]])[0].kind == .bulletList(items: [
            [Block(.paragraph([.text("one")]))], [Block(.paragraph([.text("two")]))],
        ]))
        #expect(withoutLines([blocks[4]])[0].kind == .orderedList(start: 3, items: [[Block(.paragraph([.text("three")]))]]))
        #expect(withoutLines([blocks[5]])[0].kind == .blockQuote([Block(.paragraph([.text("quoted")]))]))
        #expect(blocks[6].kind == .thematicBreak)
        #expect(blocks[7].kind == .html("<div class=\"note\">raw</div>\n"))
    }

    @Test func unsupportedNodesBecomeRawHTML() throws {
        let image = try Document(parsing: Self.lesson).blocks.last?.kind
        #expect(image == .paragraph([.html("<img src=\"cat.png\" alt=\"a cat\" />")]))
    }

    @Test func builtDocumentRoundTripsThroughCommonMark() throws {
        let document = Document([
            Block(.heading(level: 2, [.text("Scores <e> & *weights*")])),
            Block(.paragraph([.text("a_b "), .strong([.text("bold")]), .softBreak, .text("next"), .lineBreak, .code("x`y")])),
            Block(.codeBlock(info: "text", literal: "```\n  aligned   1.0000\n")),
            Block(.bulletList(items: [[Block(.paragraph([.text("1. not a list")]))]])),
            Block(.paragraph([.text("(cmark separates adjacent lists with an HTML comment)")])),
            Block(.orderedList(start: 2, items: [[Block(.paragraph([.emphasis([.text("two")])]))]])),
            Block(.blockQuote([Block(.paragraph([.text("# not a heading")]))])),
            Block(.thematicBreak),
        ])
        let reparsed = try try Document(parsing: document.commonMark())
        #expect(withoutLines(reparsed.blocks) == document.blocks)
    }

    @Test func htmlFragmentEscapesTextButKeepsRawHTML() throws {
        let document = Document([
            Block(.paragraph([.text("<script>alert(1)</script>"), .html("<br>")])),
            Block(.html("<figure>kept</figure>")),
            Block(.heading(level: 9, [.text("clamped")])),
        ])
        #expect(try document.htmlFragment() == """
            <p>&lt;script&gt;alert(1)&lt;/script&gt;<br></p>
            <figure>kept</figure>
            <h6>clamped</h6>

            """)
    }

    /// Run under `swift test --sanitize=address`, LeakSanitizer reports any
    /// node tree or rendered string the bridge forgets to free.
    @Test func repeatedParsingAndRenderingGiveTheSameResult() throws {
        let first = try Document(parsing: Self.lesson)
        for _ in 0..<200 {
            let document = try Document(parsing: Self.lesson)
            #expect(document == first)
            #expect(try document.htmlFragment() == first.htmlFragment())
            #expect(try document.commonMark() == first.commonMark())
        }
    }
}

/// Documents too large for cmark's buffers render or fail with an error, never abort.
@Suite struct CommonMarkSizeTests {
    @Test func aRawBlockLargerThanCmarksLimitIsSplicedInVerbatim() throws {
        let raw = "<div>" + String(repeating: "x", count: Document.largestTextForCommonMark + 1) + "</div>\n"
        let document = Document([Block(.paragraph([.text("a & b")])), Block(.html(raw)), Block(.html("<p>end</p>"))])
        let html = try document.htmlFragment()
        #expect(html.utf8.count == "<p>a &amp; b</p>\n".utf8.count + raw.utf8.count + "<p>end</p>\n".utf8.count)
        #expect(html.hasPrefix("<p>a &amp; b</p>\n<div>xxx"))
        #expect(html.hasSuffix("xxx</div>\n<p>end</p>\n"))
    }

    @Test func tooMuchTextForCmarkIsAnError() {
        let text = String(repeating: "y", count: Document.largestTextForCommonMark + 1)
        let document = Document([Block(.codeBlock(info: "text", literal: text))])
        #expect(throws: MarkdownError.documentTooLarge(bytes: text.utf8.count + 4, limit: Document.largestTextForCommonMark)) {
            try document.commonMark()
        }
        #expect(throws: MarkdownError.self) { try document.htmlFragment() }
    }
}
