import AttentionTrace
import TestSupport
import Testing
@testable import AttentionRendering

@Suite struct ComparisonRenderingTests {
    static func trace(_ variant: String, _ weights: [[Double]], source: [String] = ["le", "<b>zoo</b>"]) -> Trace {
        Trace(variant: variant, sourceTokens: source, targetTokens: ["the", "zoo"], inputs: [:], steps: [],
              result: ["weights": .numbers(Tensor(rows: weights), axes: [Axis(name: "target", labels: ["the", "zoo"]),
                                                                          Axis(name: "source", labels: source)]),
                       "context": .numbers(Tensor(rows: [[0], [0]]))])
    }

    let dot = ComparisonEntry(trace("dot", [[0.9, 0.1], [0.2, 0.8]]))
    let general = ComparisonEntry(trace("general", [[0.3, 0.7], [0.6, 0.4]]))

    @Test func pageHasOneHeatmapPerVariantOnOneScale() throws {
        let html = try renderComparison([dot, general], as: .html)
        let grid = try #require(sections(of: html, from: "<div class=\"heatmap-grid comparison\">", to: "</div>").first)
        #expect(occurrences(of: "<svg", in: grid) == 2)
        #expect(occurrences(of: "</title></rect>", in: grid) == 2 * 2 * 2)
        #expect(grid.contains("<figcaption>dot</figcaption>") && grid.contains("<figcaption>general</figcaption>"))
        #expect(occurrences(of: ">0.9000</text>", in: grid) == 2, "both legends end at the largest weight of either")
        #expect(grid.contains("<title>the → &lt;b&gt;zoo&lt;/b&gt;: 0.7000</title>"))
        #expect(!html.contains("<b>"))
    }

    @Test func tableNamesTheStrongestSourceWordPerTargetWordAndVariant() throws {
        let html = try renderComparison([dot, general], as: .html)
        let table = try #require(sections(of: html, from: "<table class=\"tensor comparison strongest\">", to: "</table>").first)
        // Evenness: −Σ p ln p / ln 2 is 0.4690 for (0.9, 0.1) and 0.8813 for (0.3, 0.7).
        #expect(table.contains(#"<tr><th scope="row"><bdi>the</bdi></th><td class="strongest"><bdi>le</bdi> <span class="position">#0</span> <span class="weight">0.9000</span> <span class="evenness">evenness 0.4690</span></td><td class="strongest"><bdi>&lt;b&gt;zoo&lt;/b&gt;</bdi> <span class="position">#1</span> <span class="weight">0.7000</span> <span class="evenness">evenness 0.8813</span></td></tr>"#))
        let markdown = try renderComparison([dot, general], as: .markdown)
        #expect(markdown.contains("target  dot                                    general\nthe     le #0 0.9000, evenness 0.4690          <b>zoo</b> #1 0.7000, evenness 0.8813\n"))
    }

    @Test func aNearUniformRowNamesNoWord() throws {
        // (0.52, 0.48): evenness 0.9988, so its "strongest" word is noise.
        let noise = ComparisonEntry(Self.trace("additive", [[0.52, 0.48], [0.9, 0.1]]))
        let html = try renderComparison([dot, noise], as: .html)
        let table = try #require(sections(of: html, from: "<table class=\"tensor comparison strongest\">", to: "</table>").first)
        #expect(table.contains(#"<td class="strongest near-uniform">near uniform <span class="weight">largest 0.5200 vs 1/2 = 0.5000</span> <span class="evenness">evenness 0.9988</span></td>"#))
        #expect(!table.contains("<bdi>le</bdi> <span class=\"position\">#0</span> <span class=\"weight\">0.5200"))
        #expect(table.contains(#"<td class="strongest"><bdi>le</bdi> <span class="position">#0</span> <span class="weight">0.9000</span>"#))
        let markdown = try renderComparison([dot, noise], as: .markdown)
        #expect(markdown.contains("near uniform: largest 0.5200 vs 1/2 = 0.5000, evenness 0.9988"))
        #expect(!markdown.contains("le #0 0.5200"))
    }

    @Test func refusesTracesThatCannotBeComparedNamingTheVariant() {
        let multiHead = Trace(variant: "multi-head", sourceTokens: ["le", "<b>zoo</b>"], inputs: [:], steps: [],
                              result: ["weights": .numbers(Tensor(shape: [2, 2, 2], scalars: Array(repeating: 0.5, count: 8)))])
        #expect(throws: RenderingError.incomparable(variant: "multi-head", reason: "its weights have 3 axes (2 × 2 × 2), not rows × columns")) {
            try renderComparison([dot, ComparisonEntry(multiHead)], as: .html)
        }
        let other = ComparisonEntry(Self.trace("general", [[1, 0], [0, 1]], source: ["a", "b"]))
        #expect(throws: RenderingError.incomparable(variant: "general", reason: "its weights are over other tokens than dot's")) {
            try renderComparison([dot, other], as: .html)
        }
        let flash = Trace(variant: "flash", sourceTokens: ["le", "<b>zoo</b>"], inputs: [:], steps: [],
                          result: ["output": .numbers(Tensor(rows: [[0], [0]]))])
        #expect(throws: RenderingError.incomparable(variant: "flash", reason: "its result has no weights")) {
            try renderComparison([dot, ComparisonEntry(flash)], as: .html)
        }
    }

    @Test func selfAttentionEntriesAreNamedByTheirLabelsAndTheirRowsAreQueryWords() throws {
        func causal(_ weights: [[Double]]) -> Trace {
            let axis = Axis(name: "source", labels: ["the", "cat"])
            return Trace(variant: "causal", sourceTokens: ["the", "cat"], inputs: [:], steps: [],
                         result: ["weights": .numbers(Tensor(rows: weights), axes: [axis, axis])])
        }
        let plain = ComparisonEntry(causal([[1, 0], [0.3, 0.7]]))
        let windowed = ComparisonEntry(causal([[1, 0], [0, 1]]), label: "causal(sliding_window=1)")
        let html = try renderComparison([plain, windowed], as: .html)
        #expect(html.contains("<h1 id=\"top\">Attention compared: causal, causal(sliding_window=1)</h1>"))
        #expect(html.contains("rows are query words, columns key words."))
        #expect(html.contains("<figcaption>causal(sliding_window=1)</figcaption>"))
        #expect(html.contains(#"<th scope="col" class="corner">query \ variant</th><th scope="col">causal</th><th scope="col">causal(sliding_window=1)</th>"#))
        #expect(!html.contains(">Target<"))
        // Row "cat" under the window sees only itself: all its weight, evenness 0 over one position.
        #expect(html.contains(#"<td class="strongest"><bdi>cat</bdi> <span class="position">#1</span> <span class="weight">1.0000</span> <span class="evenness">evenness 0.0000</span></td></tr>"#))
        let markdown = try renderComparison([plain, windowed], as: .markdown)
        #expect(markdown.contains("query  causal"))
        #expect(!markdown.contains("Target:"))
        #expect(markdown.contains("For each query word, the key word with the largest weight under each entry"))
    }
}
