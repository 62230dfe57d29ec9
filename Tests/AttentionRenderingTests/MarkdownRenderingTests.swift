import AttentionMarkdown
import AttentionTrace
import Testing
@testable import AttentionRendering
import TestSupport

@Suite struct MarkdownRenderingTests {
    let markdown: String
    let document: Document

    init() throws {
        markdown = try render(SampleTraces.additive, as: .markdown)
        document = try Document(parsing: markdown)
    }

    @Test func headingsFollowTheStepsAndTheirGroups() {
        #expect(headings(in: document).map(\.description) == [
            "# Attention trace: additive",
            "## Input",
            "## Read the encoder states",
            "## Target word 1: the",
            "### Score every source position",
            "### Normalise the scores",
            "## Target word 2: \"cat\" & שלום",
            "### Score every source position",
            "### Normalise the scores",
            "## Collect the weights",
            "## Warnings",
            "## Result",
        ])
    }

    @Test func tensorIsAnAlignedTableWithMaskedEntry() {
        let tables = document.blocks.compactMap { block -> String? in
            guard case .codeBlock("text", let literal) = block.kind, literal.contains("masked") else { return nil }
            return literal
        }
        #expect(tables == ["""
            target \\ source      le  <script>alert(1)</script>  chat 🐈
            the              0.5000                     masked  0.2000

            """])
    }

    @Test func vectorRowIsLabelledWithItsSymbol() {
        #expect(markdown.contains("""
            dimension       0        1
            v_a        0.5000  -0.2500
            """))
    }

    @Test func userTextRoundTripsAsText() {
        let paragraphs = document.blocks.compactMap { block -> String? in
            guard case .paragraph(let inlines) = block.kind else { return nil }
            return plainText(inlines)
        }
        #expect(paragraphs.contains("Compare the decoder state with each encoder state & mask <padding>."))
        #expect(paragraphs.contains("Source tokens: le <script>alert(1)</script> chat 🐈"))
        #expect(paragraphs.contains("= t0.score.raw where mask = 1, else masked (−∞)"))
        #expect(paragraphs.contains("generated: Glorot uniform, seed 7"))
    }

    @Test func formulasArePlainTextAndMalformedOnesAreKept() {
        #expect(markdown.contains("""
            e_i = v_a^⊤ tanh(W_a c_i)
            e_{i
            """))
    }

    @Test func resultBorrowsTheRecordedStepTensor() {
        #expect(markdown.contains("**`A`** — alignment · 2 × 3 (target × source) · `result.weights`"))
        #expect(markdown.contains("\\= `weights`"))
        #expect(markdown.contains("the mechanism's context, as returned"))
    }

    @Test func inconsistentTensorIsReportedByName() {
        var trace = SampleTraces.additive
        trace.steps[0].tensors[0].axes[0].labels = ["only one"]
        #expect(throws: RenderingError.inconsistentTensor(id: "keys", reason: "axis source has 1 labels for 3 entries")) {
            try render(trace, as: .markdown)
        }
    }
}
