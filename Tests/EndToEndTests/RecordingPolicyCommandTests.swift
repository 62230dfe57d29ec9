import Foundation
import Testing
import TestSupport

/// Self-attention over 1,030 tokens: its 1,030 × 1,030 scores (1,060,900 numbers) are above
/// the default recording policy's 1,048,576, so the trace keeps them only as summaries.
@Suite struct RecordingPolicyCommandTests {
    static let words = (0..<1030).map { "w\($0)" }.joined(separator: " ")

    @Test func theJSONStatesThePolicyAndSummarisesTheScores() throws {
        let result = try runAttentionTrace(["trace", "--variant", "self", "--source", Self.words, "--format", "json"])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect((json["recording"] as? [String: Int])?["largestStoredTensor"] == 1_048_576)
        let steps = try #require(json["steps"] as? [[String: Any]])
        let summarized = steps.flatMap { ($0["tensors"] as? [[String: Any]]) ?? [] }.filter { $0["summary"] != nil }
        #expect(summarized.compactMap { $0["id"] as? String }.contains("scores.S"))
        let scores = try #require(summarized.first { $0["id"] as? String == "scores.S" })
        #expect(scores["values"] == nil)
        #expect((scores["summary"] as? [String: Any])?["shape"] as? [Int] == [1030, 1030])
        let results = try #require(json["result"] as? [String: [String: Any]])
        #expect(results["weights"]?["values"] == nil && results["weights"]?["summary"] != nil)
        #expect(results["weights"]?["sources"] as? [String] == ["normalise.weights"])
        #expect(results["output"]?["values"] != nil)
    }

    @Test func theMarkdownShowsTheSummaryAndTheCornersOfASummarisedTensor() throws {
        let result = try runAttentionTrace(["trace", "--variant", "self", "--source", Self.words, "--format", "markdown"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("1030 × 1030 (source × source): minimum "))
        #expect(result.standardOutput.contains("only the first and last 3 rows and columns are shown"))
    }

    @Test func explainGivesANumberTheTraceDidNotKeep() throws {
        let result = try runAttentionTrace(["explain", "--variant", "self", "--source", Self.words,
                                            "--cell", "normalise.weights[1029,3]"])
        #expect(result.status == 0)
        #expect(result.standardError.isEmpty)
        #expect(result.standardOutput.hasPrefix("A[1029,3] = ε[1029,3] / Z[1029,0]"))
    }
}
