import Foundation
import Testing
import TestSupport

/// Pages of seeded traces say so, with the seed the command was given, and compare names no
/// word for a near-uniform row.
@Suite struct ParameterOriginCommandTests {
    static let source = "the man who visited the zoo yesterday"
    static let target = "l'homme qui a visité le zoo hier"

    @Test(arguments: ["markdown", "html"])
    func aTracePageStatesTheSeedItWasGiven(_ format: String) throws {
        let result = try runAttentionTrace(["trace", "--variant", "scaled-dot", "--source", Self.source, "--target", Self.target,
                                            "--seed", "7", "--format", format])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("The parameters are not trained:"))
        #expect(result.standardOutput.contains("drawn at random from seed 7"))
        #expect(!result.standardOutput.contains("seed 42"))
        #expect(result.standardOutput.contains("evenness"))
    }

    @Test func aSpecGivingEveryTensorIsNotCalledSeeded() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = directory.appendingPathComponent("spec.json")
        try Data(#"{"tensors": {"query": [[1, 0]], "keys": [[0, 1], [1, 1]]}, "sourceTokens": ["le", "chat"], "targetTokens": ["the"]}"#.utf8)
            .write(to: spec)
        let result = try runAttentionTrace(["trace", "--variant", "dot", "--input", spec.path, "--format", "markdown"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("Where the numbers come from: 2 tensors are given in the spec."))
        #expect(!result.standardOutput.contains("not trained"))
    }

    @Test func compareNamesNoWordForANearUniformRow() throws {
        let result = try runAttentionTrace(["compare", "--variants", "dot,scaled-dot", "--source", Self.source,
                                            "--target", Self.target, "--format", "markdown"])
        #expect(result.status == 0, "\(result.standardError)")
        let section = result.standardOutput.components(separatedBy: "## Where each variant looks").last ?? ""
        let table = section.components(separatedBy: "## Weights").first ?? ""
        // Seeded scaled-dot weights over 7 words are all within a few hundredths of 1/7.
        let rows = table.split(separator: "\n").filter { $0.hasPrefix("hier ") || $0.hasPrefix("zoo ") }
        #expect(rows.count == 2)
        #expect(rows.allSatisfy { $0.contains("near uniform: largest") && $0.contains("vs 1/7 = 0.1429") })
    }
}
