import AttentionTrace
import Testing

@Suite struct StepSelectionTests {
    private func step(_ id: String) -> Step {
        Step(id: id, title: id, explanation: "", formulas: [])
    }

    @Test func aStarMatchesAnyRunIncludingDots() {
        #expect(StepPattern("t7.*").matches("t7.score"))
        #expect(StepPattern("t7.*").matches("t7.weighted-sum"))
        #expect(!StepPattern("t7.*").matches("t17.score"))
        #expect(StepPattern("*.normalise").matches("head1.t0.normalise"))
        #expect(StepPattern("encode").matches("encode") && !StepPattern("encode").matches("encode.embed"))
    }

    @Test func aListSelectsTheStepsAnyPatternMatchesAndNamesOneThatMatchesNone() {
        let steps = ["encode", "encode.embed", "t0.score", "t1.score"].map(step)
        let selection = StepSelection(list: " t0.* , encode")
        #expect(steps.filter(selection.includes).map(\.id) == ["encode", "t0.score"])
        #expect(selection.firstUnmatched(in: steps) == nil)
        #expect(StepSelection(list: "t0.*,t9.*").firstUnmatched(in: steps) == StepPattern("t9.*"))
        #expect(steps.filter(StepSelection.all.includes).count == 4)
    }
}
