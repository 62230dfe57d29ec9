import Foundation
import AttentionTrace
import Testing
@testable import AttentionRendering
import TestSupport

@Suite struct HTMLRenderingTests {
    let html: String

    init() throws {
        html = try render(SampleTraces.additive, as: .html)
    }

    @Test func isACompleteStandalonePage() {
        #expect(html.hasPrefix("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"))
        #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
        #expect(html.contains("<title>Attention trace: additive</title>"))
        #expect(html.contains("@media (prefers-color-scheme: dark)"))
        #expect(html.contains("@media print"))
        #expect(html.contains("</main>\n<div id=\"derivation\""))
        #expect(html.hasSuffix("</script>\n</body>\n</html>\n"))
    }

    @Test(arguments: ["http://", "https://", "src=", "<link", "@import", "url(/", "url(h", "url('", "url(\"", "fetch(", "xmlhttprequest"])
    func loadsNothingExternal(_ marker: String) {
        #expect(!html.lowercased().contains(marker))
    }

    @Test func runsOnlyThePageScriptAndReadsDataIslands() {
        let scripts = sections(of: html, from: "<script", to: ">")
        #expect(scripts.filter { $0 == "<script>" }.count == 1)
        #expect(scripts.allSatisfy { $0 == "<script>" || $0.hasPrefix("<script type=\"application/json\" data-derivations=") })
        #expect(scripts.count > 1)
    }

    @Test func dataIslandsCannotCloseTheirElement() throws {
        let island = try #require(sections(of: html, from: "<script type=\"application/json\" data-derivations=\"t0.score.e\">", to: "</script>").first)
        let body = island.dropFirst(island.firstIndex(of: ">").map { island.distance(from: island.startIndex, to: $0) + 1 } ?? 0)
            .dropLast("</script>".count)
        #expect(!body.contains("<") && !body.contains(">"))
        #expect(body.hasPrefix(#"{"shape":[1,3],"derivation":{"tensors":["t0.score.e"],"lines":["#))
    }

    /// A tensor drawn as a table keeps its numbers only in the table, whose cells the script reads;
    /// only a tensor too large for a table carries `values` in its island.
    @Test func aTabledTensorsNumbersAreWrittenOnce() throws {
        let table = try #require(sections(of: html, from: "<table class=\"tensor\" data-tensor=\"t0.score.e\">", to: "</table>").first)
        #expect(table.contains("<td>0.5000</td><td class=\"masked\" title=\"masked (−∞)\">masked</td><td>0.2000</td>"))
        #expect(!html.contains(#""values":["#))
        #expect(html.contains("entry.data.values = tableValues(entry.tables)"))
    }

    /// A page carries one template per tensor, which its script fills for a cell, not a text per cell:
    /// a stacked row names the row it copies and continues with that row's own derivation.
    @Test func islandsHoldTemplatesNotDerivationTexts() throws {
        let island = try #require(sections(of: html, from: "<script type=\"application/json\" data-derivations=\"weights\">", to: "</script>").first)
        #expect(island.contains(#""derivation":{"tensors":["weights","t0.alpha","t1.alpha"],"lines":[{"if":[["{i}","\u003c","1"]],"text":"A[{i},{j}] = α[0,{j}]"},{"if":[["{i}","\u003c","1"]],"text":"= {v0:i,j}"},{"if":[["{i}","\u003c","1"]],"then":1,"row":"0","column":"j"},{"if":[["1","\u003c=","{i}"],["{i}","\u003c","2"]],"text":"A[{i},{j}] = α[0,{j}]"}"#))
        #expect(!html.contains("\"cells\":"))
        #expect(html.contains("function derivationLines(island, index, lookup)"))
    }

    @Test func userTextAppearsOnlyEscaped() {
        #expect(occurrences(of: "&lt;script&gt;alert(1)&lt;/script&gt;", in: html) > 5)
        #expect(html.contains("&quot;cat&quot; &amp; שלום"))
        #expect(html.contains("Row 0 has a masked score &lt;b&gt;&amp;&lt;/b&gt;."))
        #expect(html.contains("chat 🐈"))
        #expect(!html.contains("<b>"))
    }

    @Test func alignmentHeatmapHasOneTitledCellPerWeight() throws {
        let overview = try #require(sections(of: html, from: "<h2 id=\"overview\">", to: "</svg>").first)
        #expect(occurrences(of: "</title></rect>", in: overview) == 2 * 3)
        #expect(occurrences(of: "<title>", in: overview) == 2 * 3)
        #expect(overview.contains("role=\"img\""))
        #expect(overview.contains("aria-label=\"Heatmap of A, alignment: rows target, columns source"))
        #expect(overview.contains("<title>the → le: 0.5744</title>"))
        #expect(overview.contains("<title>&quot;cat&quot; &amp; שלום → chat 🐈: 0.6000</title>"))
        #expect(overview.contains(">0.0000</text>") && overview.contains(">0.6000</text>"), "the scale runs to the largest weight")
        #expect(overview.contains("fill=\"#440154\""), "weight 0 is the darkest viridis colour")
    }

    @Test func maskedScoreIsDrawnAsMaskedNotAsANumber() throws {
        let figure = try #require(sections(of: html, from: "<figure class=\"tensor\" id=\"tensor-t0.score.e\">", to: "</figure>\n</figure>").first)
        #expect(figure.contains(#"<table class="tensor" data-tensor="t0.score.e">"#))
        #expect(figure.contains(#"<tr data-index="0,"><th scope="row"><bdi>the</bdi></th><td>0.5000</td><td class="masked" title="masked (−∞)">masked</td>"#))
        #expect(occurrences(of: "<rect class=\"masked\" x=\"28\" fill=\"url(#masked-hatch)\">", in: figure) == 1)
        #expect(occurrences(of: "</title></rect>", in: figure) == 3)
        #expect(figure.contains("<title>the → &lt;script&gt;alert(1)&lt;/script&gt;: masked (−∞)</title>"))
        #expect(figure.contains("✕"))
        #expect(!figure.contains("inf<") && !figure.contains("-inf"))
    }

    @Test func tableHasCaptionHeadersAndAddressableCells() throws {
        let table = try #require(sections(of: html, from: "<figure class=\"tensor\" id=\"tensor-keys\">", to: "</figure>").first)
        // The figure's caption, as wide as the page, says what the tensor is; the table has no
        // caption of its own, which would be as narrow as the table (issue 11, item 19).
        #expect(table.hasPrefix(#"<figure class="tensor" id="tensor-keys">\#n<figcaption class="tensor-caption"><math alttext="h"><mi>h</mi></math> <span class="description">encoder states</span> <span class="shape">3 × 2 (source × dimension)</span> <code>keys</code></figcaption>\#n<div class="scroll"><table class="tensor""#))
        #expect(!table.contains("<caption>"))
        #expect(table.contains(#"<th scope="col"><bdi>1</bdi></th>"#))
        #expect(table.contains(#"<th scope="row"><bdi>&lt;script&gt;alert(1)&lt;/script&gt;</bdi></th>"#))
        // The page script gives each cell its id from the table's tensor and the row's index: keys[1,0].
        #expect(table.contains(#"<table class="tensor" data-tensor="keys">"#))
        #expect(table.contains(#"<tr data-index="1,"><th scope="row"><bdi>&lt;script&gt;alert(1)&lt;/script&gt;</bdi></th><td>0.3333</td>"#))
        #expect(occurrences(of: "<td>", in: table) == 6)
        #expect(table.contains("<p class=\"provenance\">given in the input spec</p>"))
        #expect(!table.contains("<svg"), "dimensions have no labels, so no heatmap")
    }

    @Test func provenanceLinksToOperandTables() {
        #expect(html.contains(##"<p class="provenance">= the rows of <a href="#tensor-t0.alpha"><code>t0.alpha</code></a>, then <a href="#tensor-t1.alpha"><code>t1.alpha</code></a></p>"##))
        #expect(html.contains(#"<p class="provenance">= <code>t0.score.raw</code> where <code>mask</code> = 1, else masked (−∞)</p>"#))
    }

    @Test func formulasAreMathML() {
        #expect(html.contains(#"<math display="block" alttext="e_i = v_a^⊤ tanh(W_a c_i)"><msub><mi>e</mi><mi>i</mi></msub>"#))
        #expect(html.contains("<mtext>e_{i</mtext>"))
        #expect(html.contains(#"font-family: "STIX Two Math", "Cambria Math", "Latin Modern Math", math, serif;"#))
    }

    @Test func contentsLinkToEveryStepGroupedAsOnThePage() throws {
        let contents = try #require(sections(of: html, from: "<nav class=\"contents\"", to: "</nav>").first)
        #expect(contents.contains("""
            <li><a href="#group-2">Target word 1: the</a>
            <ul>
            <li><a href="#step-t0.score">Score every source position</a></li>
            <li><a href="#step-t0.normalise">Normalise the scores</a></li>
            </ul>
            """))
        for anchor in ["step-encode", "step-weights", "group-3", "warnings", "result"] {
            #expect(contents.contains("href=\"#\(anchor)\""))
            #expect(html.contains("id=\"\(anchor)\""))
        }
    }

    @Test func laterTargetWordsAreFoldedAndTheFirstIsOpen() throws {
        #expect(html.contains(#"<details class="group" open=""><summary><h2 id="group-2">Target word 1: the</h2></summary>"#))
        #expect(html.contains(#"<details class="group"><summary><h2 id="group-3">Target word 2: "#))
        #expect(occurrences(of: "<details class=\"group\"", in: html) == 2)
    }

    @Test func warningsComeBeforeTheContentsAndTheSteps() throws {
        let warnings = try #require(html.range(of: "id=\"warnings\""))
        let contents = try #require(html.range(of: "<nav class=\"contents\""))
        let overview = try #require(html.range(of: "id=\"overview\""))
        #expect(overview.upperBound < warnings.lowerBound && warnings.upperBound < contents.lowerBound)
    }

    @Test func multiHeadWeightsAreAGridOfPerHeadMaps() throws {
        let page = try render(SampleTraces.multiHead, as: .html)
        let grid = try #require(sections(of: page, from: "<div class=\"heatmap-grid\">", to: "</div>").first)
        #expect(occurrences(of: "<svg", in: grid) == 2)
        #expect(occurrences(of: "</title></rect>", in: grid) == 2 * 2 * 2)
        #expect(grid.contains("<figcaption>head 0</figcaption>") && grid.contains("<figcaption>head 1</figcaption>"))
        #expect(grid.contains("<title>a → b: 0.1000</title>"))
        #expect(page.contains(#"<table class="tensor" data-tensor="result.weights">"#))
        #expect(page.contains(#"<tr data-index="1,0,">"#), "head 1's first row")
        #expect(page.contains(#"<caption><span class="slice">head 1</span></caption>"#), "each head's table names its head only")
    }

    @Test func stepHeatmapScalesToItsValues() {
        let scores = TracedTensor(id: "s", symbol: "S", description: "scores",
                                  axes: [Axis(name: "row", labels: ["a"]), Axis(name: "col", labels: ["b", "c"])],
                                  values: Tensor(rows: [[-2, 3]]), provenance: Provenance(.given))
        let trace = Trace(variant: "dot", inputs: [:],
                          steps: [Step(id: "x", title: "x", explanation: "", formulas: [], tensors: [scores])],
                          result: [:])
        let page = (try? render(trace, as: .html)) ?? ""
        #expect(page.contains(">-2.0000</text>") && page.contains(">3.0000</text>"))
        #expect(page.contains("fill=\"#440154\"") && page.contains("fill=\"#fde725\""))
    }
}
