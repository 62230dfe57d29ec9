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

    let dot = trace("dot", [[0.9, 0.1], [0.2, 0.8]])
    let general = trace("general", [[0.3, 0.7], [0.6, 0.4]])

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
        let noise = Self.trace("additive", [[0.52, 0.48], [0.9, 0.1]])
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
        #expect(throws: RenderingError.incomparable(variant: "multi-head", reason: "its result has no target × source weights")) {
            try renderComparison([dot, multiHead], as: .html)
        }
        let other = Self.trace("general", [[1, 0], [0, 1]], source: ["a", "b"])
        #expect(throws: RenderingError.incomparable(variant: "general", reason: "it was traced on other tokens than dot")) {
            try renderComparison([dot, other], as: .html)
        }
    }
}
