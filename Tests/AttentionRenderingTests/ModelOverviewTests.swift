import Testing
import TestSupport
@testable import AttentionRendering

/// The page of every layer × head of a pretrained model (issue 15, item 4).
@Suite struct ModelOverviewTests {
    let overview = ModelOverview(
        model: "tiny", tokens: ["[CLS]", "<b>", "[SEP]"],
        attentions: [[[[1, 0, 0], [0.5, 0.5, 0], [0.2, 0.3, 0.5]], [[0, 0, 1], [0, 0, 1], [0, 0, 1]]]],
        commands: [["attention-trace trace --layer 0 --head 0", "attention-trace trace --layer 0 --head 1"]],
        focus: (0, 1))

    @Test func everyHeadIsAThumbnailLinkingToItsCommand() {
        let html = renderModelOverview(overview)
        #expect(occurrences(of: "<svg class=\"thumbnail\"", in: html) == 2)
        #expect(occurrences(of: "<rect ", in: html) >= 18)
        // Head 1 puts every row's weight on [SEP]: 1 on average; head 0's columns average 0.5667, 0.2667, 0.1667.
        #expect(html.contains(##"<a href="#command-0-1" title="layer 0, head 1: most on [SEP] (1.0000 of the weight on average)">"##))
        #expect(html.contains(##"<a href="#command-0-0" title="layer 0, head 0: most on [CLS] (0.5667 of the weight on average)">"##))
        #expect(html.contains(#"<li id="command-0-1">layer 0, head 1: <code>attention-trace trace --layer 0 --head 1</code></li>"#))
        #expect(!html.contains("<b>"), "tokens are escaped")
    }

    /// Both heads of layer 0 are drawn, each in its group and colour, with a checkbox; only head 1's starts ticked.
    @Test func theHeadViewDrawsALinePerWeightOfEveryHeadOfTheLayer() {
        let html = renderModelOverview(overview)
        let view = sections(of: html, from: "<svg class=\"head-view\"", to: "</svg>").first ?? ""
        // Head 0 has 1 + 2 + 3 weights of at least 0.005, head 1 one a row, to [SEP], at full opacity.
        #expect(occurrences(of: "<line ", in: view) == 9)
        #expect(occurrences(of: "<g class=\"head-1\" stroke=\"#f28e2b\"><line", in: view) == 3)
        #expect(occurrences(of: "stroke-opacity=\"1.0000\"", in: view) == 4)
        #expect(html.contains("<h2>Head view: layer 0</h2>"))
        #expect(html.contains(#"<input type="checkbox" id="head-view-0"><label for="head-view-0">"#))
        #expect(html.contains(#"<input type="checkbox" id="head-view-1" checked><label for="head-view-1">"#))
        #expect(html.contains("#head-view-1:not(:checked) ~ .scroll .head-1 { display: none; }"))
        #expect(view.contains("<title>[SEP] attends to most: head 0 on [SEP] (0.5000), head 1 on [SEP] (1.0000)</title>"))
    }
}
