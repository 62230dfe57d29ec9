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
        #expect(table.contains(#"<tr><th scope="row"><bdi>the</bdi></th><td class="strongest"><bdi>le</bdi> <span class="position">#0</span> <span class="weight">0.9000</span></td><td class="strongest"><bdi>&lt;b&gt;zoo&lt;/b&gt;</bdi> <span class="position">#1</span> <span class="weight">0.7000</span></td></tr>"#))
        let markdown = try renderComparison([dot, general], as: .markdown)
        #expect(markdown.contains("target  dot                   general\nthe     le #0 0.9000          <b>zoo</b> #1 0.7000\n"))
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
