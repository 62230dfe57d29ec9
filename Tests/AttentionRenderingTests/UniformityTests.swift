import AttentionTrace
import Foundation
import TestSupport
import Testing
@testable import AttentionRendering

/// Pages say that seeded parameters are untrained, and how far each alignment row is from uniform.
@Suite struct UniformityTests {
    @Test func evennessIsTheEntropyOverLnN() throws {
        let uniform = try #require(RowSpread([0.25, 0.25, 0.25, 0.25]))
        #expect(uniform.positions == 4 && uniform.uniformShare == 0.25)
        #expect(abs(uniform.evenness - 1) < 1e-12 && uniform.isNearUniform)

        // −(0.7 ln 0.7 + 0.3 ln 0.3) / ln 2 = 0.881291…
        let leaning = try #require(RowSpread([0.7, 0.3]))
        #expect(abs(leaning.evenness - 0.881_290_899) < 1e-9 && !leaning.isNearUniform)
        #expect(leaning.strongest == 0 && leaning.largestShare == 0.7)

        let peaked = try #require(RowSpread([0, 1, 0]))
        #expect(peaked.positions == 1 && peaked.evenness == 0 && !peaked.isNearUniform, "one position is no choice")
    }

    @Test func zeroWeightsAreNotPositionsAndRowsAreNormalised() throws {
        // A window of two positions whose weights sum to 0.4 (as local-p's may): uniform within the window.
        let window = try #require(RowSpread([0, 0.2, 0.2, 0]))
        #expect(window.positions == 2 && window.largestShare == 0.5 && abs(window.evenness - 1) < 1e-12)
        #expect(window.strongest == 1)
        #expect(RowSpread([0, 0, 0]) == nil)
    }

    @Test func theOriginIsReadFromTheRecordedProvenance() {
        // SampleTraces.additive records `keys` as given and `v_a` as generated, with seed 7.
        #expect(ParameterOrigin(SampleTraces.additive).sentence() == "The parameters are not trained: "
            + "1 tensor is drawn at random from seed 7 and 1 tensor is given in the spec. The weights show how the mechanism "
            + "computes, not what a trained model attends to, so rows close to uniform are to be expected.")
        var given = SampleTraces.additive
        given.steps[0].tensors[1].provenance = Provenance(.given)
        #expect(ParameterOrigin(given).sentence() == "Where the numbers come from: 2 tensors are given in the spec.")
        var elsewhere = SampleTraces.additive
        elsewhere.steps[0].tensors[0].provenance = Provenance(.stackRows)
        #expect(ParameterOrigin(elsewhere).sentence(counted: false) == "Where the numbers come from: "
            + "tensors are drawn at random from seed 7 and tensors are recorded as 'stackRows'.",
            "a source the page does not know is named, and the parameters are not called untrained")
        var masked = SampleTraces.additive
        masked.steps[0].tensors[0].provenance = Provenance(.causalMask)
        #expect(ParameterOrigin(masked).sentence() == "The parameters are not trained: "
            + "1 tensor is drawn at random from seed 7. The weights show how the mechanism "
            + "computes, not what a trained model attends to, so rows close to uniform are to be expected.",
            "a causal mask is made from positions: it is not a parameter, and does not hide that the others are seeded")
    }

    @Test func theHTMLOverviewStatesTheOriginAndFlagsNearUniformRows() throws {
        let html = try render(SampleTraces.additive, as: .html)
        let overview = try #require(sections(of: html, from: "<h2 id=\"overview\">", to: "<nav class=\"contents\"").first)
        #expect(overview.contains("<p class=\"parameters\">The parameters are not trained: 1 tensor is drawn at random from seed 7"))
        // Row 0 is (0.5744, 0, 0.4256): two positions, evenness 0.9840; row 1 (0.1, 0.3, 0.6): 0.8173.
        #expect(overview.contains("1 of 2 rows are near uniform (evenness at least 0.95)"))
        let table = try #require(sections(of: overview, from: "<table class=\"tensor spread\">", to: "</table>").first)
        #expect(table.contains("<tr class=\"near-uniform\"><th scope=\"row\"><bdi>the</bdi></th><td><bdi>le</bdi></td>"
            + "<td><bdi>0.5744</bdi></td><td><bdi>1/2 = 0.5000</bdi></td><td><bdi>0.9840</bdi></td><td><bdi>yes</bdi></td></tr>"))
        #expect(table.contains("<tr><th scope=\"row\"><bdi>&quot;cat&quot; &amp; שלום</bdi></th><td><bdi>chat 🐈</bdi></td>"
            + "<td><bdi>0.6000</bdi></td><td><bdi>1/3 = 0.3333</bdi></td><td><bdi>0.8173</bdi></td><td><bdi>no</bdi></td></tr>"))
    }

    @Test func theMarkdownPageSaysTheSame() throws {
        let markdown = try render(SampleTraces.additive, as: .markdown)
        #expect(markdown.contains("The parameters are not trained: 1 tensor is drawn at random from seed 7"))
        #expect(markdown.contains("""
            target        looks most at  largest weight  1/n           evenness  near uniform
            the           le             0.5744          1/2 = 0.5000  0.9840    yes
            "cat" & שלום  chat 🐈         0.6000          1/3 = 0.3333  0.8173    no
            """))
    }
}
