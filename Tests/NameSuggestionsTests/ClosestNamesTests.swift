import NameSuggestions
import Testing

@Suite struct ClosestNamesTests {
    @Test func closeNamesComeClosestFirstAndTiesInTheirOrder() {
        #expect(closestNames(to: "windw", among: ["windows", "wind", "window", "cat"], limit: 3) == ["wind", "window", "windows"])
        #expect(closestNames(to: "zooo", among: ["book", "zoos", "zoo", "man"], limit: 3) == ["zoos", "zoo"])
        #expect(closestNames(to: "bat", among: ["hat", "cat", "dog"], limit: 5) == ["hat", "cat"])
    }

    @Test func theLimitAndTheClosenessRuleBound() {
        #expect(closestNames(to: "windw", among: ["windows", "window"], limit: 1) == ["window"])
        #expect(closestNames(to: "banana", among: ["heads", "window"], limit: 3).isEmpty)
        #expect(closestNames(to: "tensor", among: ["inputs", "tensors"], limit: 3).first
                == closestName(to: "tensor", among: ["inputs", "tensors"]))
    }
}
