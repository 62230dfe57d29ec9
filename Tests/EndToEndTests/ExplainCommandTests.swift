import Foundation
import Testing
import TestSupport

/// `attention-trace explain`, run through the real binary on the hand-checked additive case.
@Suite struct ExplainCommandTests {
    static let spec = #"{"variant":"additive","tensors":{"query":[[1,0]],"keys":[[0,1],[1,1]],"W_a":[[1,0,0,1],[0,1,1,0]],"v_a":[1,-1]}}"#

    func explain(_ cells: [String]) throws -> CommandResult {
        let directory = try makeTemporaryDirectory()
        let spec = directory.appendingPathComponent("hand.json")
        try Self.spec.write(to: spec, atomically: true, encoding: .utf8)
        return try runAttentionTrace(["explain", "--variant", "additive", "--input", spec.path] + cells.flatMap { ["--cell", $0] })
    }

    /// Scores e₀ = tanh 2 − 0 and e₁ = tanh 2 − tanh 1, so α₁ = 1 / (1 + e^{tanh 1}) = 0.31830… and α₀ = 1 − α₁.
    @Test func printsTheDerivationOfEachCellEndingWithItsValue() throws {
        let result = try explain(["t0.normalise.weights[0,1]", "t0.normalise.weights[0,0]"])
        #expect(result.status == 0)
        #expect(result.standardError.isEmpty)
        let expected = 1 / (1 + exp(tanh(1.0)))
        #expect(String(format: "%.4f", expected) == "0.3183")
        let derivations = result.standardOutput.components(separatedBy: "\n\n")
        #expect(derivations.count == 2)
        #expect(derivations[0].hasPrefix("α[0,1] = ε[0,1] / Z[0,0]\n"))
        #expect(derivations[0].hasSuffix("= 0.3183"))
        #expect(derivations[1].hasSuffix("= 0.6817\n"))
    }

    @Test func explainsResultCellsByTheRecordedCellTheyRepeat() throws {
        let result = try explain(["result.weights[0,1]"])
        #expect(result.status == 0)
        #expect(result.standardOutput.hasPrefix("result.weights[0,1] = alignment.weights[0,1]\n= 0.3183\n"))
    }

    @Test(arguments: [
        ("nope[0,0]", "the trace has no tensor 'nope'; it has query, keys,"),
        ("t0.normalise.weights[1,0]", "t0.normalise.weights[1,0] is outside the tensor: its shape is 1 × 2, so give 2 indexes from 0"),
        ("t0.normalise.weights[0]", "t0.normalise.weights[0] is outside the tensor: its shape is 1 × 2"),
        ("t0.normalise.weights", "malformed --cell 't0.normalise.weights': write the tensor identifier and the index in brackets"),
        ("t0.normalise.weights[0,x]", "malformed --cell 't0.normalise.weights[0,x]'"),
    ])
    func aBadCellIsRefusedWithOneLineSayingWhatExists(cell: String, message: String) throws {
        let result = try explain([cell])
        #expect(result.status != 0)
        #expect(result.standardOutput.isEmpty)
        let lines = result.standardError.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(result.standardError.contains(message), "\(result.standardError)")
    }
}
