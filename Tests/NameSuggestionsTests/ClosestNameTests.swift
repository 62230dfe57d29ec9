import Testing
@testable import NameSuggestions

@Suite struct ClosestNameTests {
    @Test func distancesCountInsertionsDeletionsSubstitutionsAndSwaps() {
        #expect(editDistance(Array("window"), Array("windw")) == 1)
        #expect(editDistance(Array("cat"), Array("cta")) == 1)
        #expect(editDistance(Array("kitten"), Array("sitting")) == 3)
        #expect(editDistance(Array(""), Array("abc")) == 3)
        #expect(editDistance(Array("same"), Array("same")) == 0)
    }

    @Test func theClosestLikelyTypoIsSuggested() {
        #expect(closestName(to: "tensor", among: ["inputs", "tensors", "options"]) == "tensors")
        #expect(closestName(to: "MultiHead", among: ["multi-head", "self"]) == "multi-head")
        #expect(closestName(to: "head", among: ["heads", "window"]) == "heads")
    }

    @Test func nothingIsSuggestedWhenNothingIsClose() {
        #expect(closestName(to: "banana", among: ["heads", "window", "causal"]) == nil)
        #expect(closestName(to: "x", among: [String]()) == nil)
    }

    @Test func theFirstOfEquallyCloseCandidatesWins() {
        #expect(closestName(to: "bat", among: ["cat", "hat"]) == "cat")
    }
}
