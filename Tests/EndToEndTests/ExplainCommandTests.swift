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
        #expect(derivations[0].hasPrefix("t0.normalise.weights[0,1]:\nα[0,1] = ε[0,1] / Z[0,0]\n"), "each answer says which cell it is")
        #expect(derivations[1].hasPrefix("t0.normalise.weights[0,0]:\n"))
        #expect(derivations[0].hasSuffix("= 0.3183"))
        #expect(derivations[1].hasSuffix("= 0.6817\n"))
    }

    @Test func explainsResultCellsByTheRecordedCellTheyRepeat() throws {
        let result = try explain(["result.weights[0,1]"])
        #expect(result.status == 0)
        #expect(result.standardOutput.hasPrefix("result.weights[0,1] = alignment.weights[0,1]\n= 0.3183\n"))
        // …and goes on to that cell's own derivation, down to the softmax that made it.
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.dropFirst(3).first == "alignment.weights[0,1]:", "\(lines)")
        #expect(lines.contains { $0.hasPrefix("α[0,1] = ε[0,1] / Z[0,0]") }, "\(lines)")
        #expect(lines.last == "= 0.3183")
    }

    /// The names students learn: a result by its name, positions by their labels or numbers, as lesson checks read them.
    @Test func explainsCellsByResultNamesAndLabels() throws {
        let spec = #"{"variant":"additive","sourceTokens":["le","zoo"],"targetTokens":["the","zoo"]}"#
        let directory = try makeTemporaryDirectory()
        try spec.write(to: directory.appendingPathComponent("words.json"), atomically: true, encoding: .utf8)
        func explain(_ cells: [String]) throws -> CommandResult {
            try runAttentionTrace(["explain", "--input", directory.appendingPathComponent("words.json").path]
                                  + cells.flatMap { ["--cell", $0] })
        }
        let byLabel = try explain([#"weights["zoo","le"]"#, "weights[1,0]", "result.weights[1, 0]"])
        #expect(byLabel.status == 0, "\(byLabel.standardError)")
        let answers = byLabel.standardOutput.components(separatedBy: "\n\n")
        #expect(answers.count == 3)
        #expect(answers[0].hasPrefix(#"weights["zoo","le"] is result.weights[1,0]:"# + "\nresult.weights[1,0] = "))
        #expect(answers[1].hasPrefix("weights[1,0] is result.weights[1,0]:\nresult.weights[1,0] = "))
        let body = { (answer: String) in answer.split(separator: "\n").dropFirst().joined(separator: "\n") }
        #expect(answers.map(body) == Array(repeating: body(answers[0]), count: 3))

        let single = try explain([#"t1.normalise.weights[0,"zoo"]"#])
        #expect(single.status == 0, "\(single.standardError)")
        #expect(single.standardOutput.hasPrefix("α[0,1] = ε[0,1] / Z[0,0]\n"), "one answer has no label")

        let misspelt = try explain(["wieghts[0,0]"])
        #expect(misspelt.status != 0)
        #expect(misspelt.standardError == "Error: --cell 'wieghts[0,0]': the trace has no tensor 'wieghts'; did you mean 'weights'?\n")
        let label = try explain([#"weights["zoo","hier"]"#])
        #expect(label.standardError == #"Error: --cell 'weights["zoo","hier"]': axis source of 'weights' has no label "hier"; its labels are "le", "zoo""# + "\n")
    }

    @Test(arguments: [
        ("nope[0,0]", "the trace has no tensor 'nope'; the results are context, weights"),
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
