import AttentionMarkdown
import Testing

/// The walker visits every node once, in document order; the rewriter replaces and
/// removes nodes at any depth; parsing refuses nesting a walk could not survive.
@Suite struct MarkupVisitorTests {
    /// One of each container, nested: a quote holding a list whose item holds emphasis inside a link.
    ///
    /// Computed, not stored: a static stored global outlives the tests, and LeakSanitizer
    /// (which `.ci/test` runs this suite under) reports it as leaked.
    static var document: Document {
        Document([
            Block(.heading(level: 1, [.text("T")])),
            Block(.blockQuote([
                Block(.bulletList(items: [
                    [Block(.paragraph([.link(destination: "u", [.emphasis([.text("deep")])]), .softBreak]))],
                    [Block(.codeBlock(info: "{trace}", literal: "x"))],
                ])),
            ])),
            Block(.html("<hr>")),
        ])
    }

    /// Names each node it visits, indented by its depth.
    struct Recorder: MarkupWalker {
        var visits: [String] = []
        var depth = 0

        mutating func visit(_ markup: Markup) {
            let name = switch markup {
            case .block(let block):
                switch block.kind {
                case .heading: "heading"
                case .paragraph: "paragraph"
                case .codeBlock: "code block"
                case .html: "html block"
                case .thematicBreak: "break"
                case .bulletList: "bullet list"
                case .orderedList: "ordered list"
                case .blockQuote: "quote"
                }
            case .inline(let inline):
                switch inline {
                case .text(let text): "text \(text)"
                case .link: "link"
                case .emphasis: "emphasis"
                case .softBreak: "soft break"
                default: "inline"
                }
            }
            visits.append(String(repeating: " ", count: depth) + name)
            depth += 1
            descend(into: markup)
            depth -= 1
        }
    }

    @Test func aWalkerVisitsEveryNodeInDocumentOrder() {
        var recorder = Recorder()
        recorder.walk(Self.document)
        #expect(recorder.visits == [
            "heading", " text T",
            "quote", " bullet list", "  paragraph", "   link", "    emphasis", "     text deep", "   soft break",
            "  code block",
            "html block",
        ])
    }

    /// Upper-cases text and removes code blocks.
    struct Shouter: MarkupRewriter {
        mutating func visit(_ markup: Markup) -> Markup? {
            switch markup {
            case .inline(.text(let text)): .inline(.text(text.uppercased()))
            case .block(let block) where block.kind == .codeBlock(info: "{trace}", literal: "x"): nil
            default: rewritingChildren(of: markup)
            }
        }
    }

    @Test func aRewriterReplacesAndRemovesNodesAtAnyDepth() {
        var shouter = Shouter()
        #expect(shouter.rewrite(Self.document) == Document([
            Block(.heading(level: 1, [.text("T")])),
            Block(.blockQuote([
                Block(.bulletList(items: [
                    [Block(.paragraph([.link(destination: "u", [.emphasis([.text("DEEP")])]), .softBreak]))],
                    [],
                ])),
            ])),
            Block(.html("<hr>")),
        ]))
    }

    @Test func theEscaperTurnsRawHTMLIntoTextAndUnlinksScripts() throws {
        var escaper = RawHTMLEscaper()
        let document = try Document(parsing: """
            <script>alert(1)</script>

            > - a <img src=x onerror=alert(2)> b [here]( JavaScript:alert(3)) and [there](https://example.org)
            """)
        let html = try escaper.rewrite(document).htmlFragment()
        #expect(html == """
            <p>&lt;script&gt;alert(1)&lt;/script&gt;
            </p>
            <blockquote>
            <ul>
            <li>a &lt;img src=x onerror=alert(2)&gt; b <em>here</em> and <a href="https://example.org">there</a></li>
            </ul>
            </blockquote>

            """)
        #expect(try document.htmlFragment().contains("<img src=x onerror=alert(2)>"), "unescaped, the HTML would pass")
    }

    @Test func nestingUpToTheLimitIsRead() throws {
        // 99 quotes and the paragraph inside them: 100 containers.
        let quotes = String(repeating: "> ", count: Document.deepestNesting - 1) + "x"
        var recorder = Recorder()
        recorder.walk(try Document(parsing: quotes))
        #expect(recorder.visits.count == Document.deepestNesting + 1)
        #expect(recorder.visits.last == String(repeating: " ", count: Document.deepestNesting) + "text x")
    }

    @Test(arguments: [100, 100_000])
    func deeperNestingIsAnErrorAtItsLine(_ depth: Int) {
        let quotes = "# T\n\n" + String(repeating: "> ", count: depth) + "x\n"
        #expect(throws: NestingTooDeep(line: 3, limit: 100)) { try Document(parsing: quotes) }
        let emphasis = "text\n\n" + String(repeating: "*a ", count: depth) + String(repeating: "b*", count: depth)
        #expect(throws: NestingTooDeep(line: 3, limit: 100)) { try Document(parsing: emphasis) }
    }
}
