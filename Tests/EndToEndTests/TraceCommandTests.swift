import Foundation
import Testing
import TestSupport

/// The `trace` and `variants` commands, run through the real binary.
@Suite struct TraceCommandTests {
    static let source = "the man who visited the zoo yesterday"
    static let target = "l'homme qui a visité le zoo hier"
    static let allVariants = ["additive", "dot", "general", "scaled-dot", "concat", "global", "local-m", "local-p",
                              "self", "causal", "multi-head", "cross", "co-attention", "flash", "kv-cache"]

    static func arguments(for variant: String) -> [String] {
        ["trace", "--variant", variant, "--source", source]
            + (["self", "causal", "multi-head", "flash", "kv-cache"].contains(variant) ? [] : ["--target", target])
            + (variant == "multi-head" ? ["--heads", "2"] : [])
    }

    @Test func variantsListsEveryMechanismWithADescription() throws {
        let result = try runAttentionTrace(["variants"])
        #expect(result.status == 0)
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.map { String($0.split(separator: " ")[0]) } == Self.allVariants)
        #expect(lines.allSatisfy { $0.split(separator: " ").count > 3 })
    }

    @Test func variantsDescribesOneVariantsOptionsAndTensors() throws {
        let result = try runAttentionTrace(["variants", "Multi-Head"])
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        #expect(lines.first?.hasPrefix("multi-head: Vaswani et al. 2017") == true)
        #expect(lines.filter { $0.hasPrefix("--") }.map { $0.split(separator: " ")[0] }
                    == ["--heads", "--causal", "--sliding-window", "--sink-tokens", "--alibi", "--kv-heads", "--rope", "--rope-base", "--rope-dims", "--sinks", "--bias"])
        #expect(lines.contains("W_O d_model × d_model the output projection of the heads"))
        let causal = try runAttentionTrace(["variants", "causal"])
        #expect(causal.standardOutput.contains("(causal is true: the variant's name means it)"))
        #expect(!causal.standardOutput.contains("W_O"))
        let typo = try runAttentionTrace(["variants", "multihed"])
        #expect(typo.status != 0)
        #expect(typo.standardError.contains("did you mean 'multi-head'?"))
    }

    @Test func showKeepsTheMatchingStepsAndRefusesAPatternThatMatchesNone() throws {
        let sentence = ["trace", "--variant", "additive", "--model", "seeded", "--source", "a b", "--target", "c d", "--format", "json"]
        let result = try runAttentionTrace(sentence + ["--show", "t1.*,encode.annotations"])
        #expect(result.status == 0, "\(result.standardError)")
        let trace = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let ids = try #require(trace["steps"] as? [[String: Any]]).compactMap { $0["id"] as? String }
        #expect(!ids.isEmpty && ids.allSatisfy { $0 == "encode.annotations" || $0.hasPrefix("t1.") })
        let refused = try runAttentionTrace(sentence + ["--show", "t5.*"])
        #expect(refused.status == 1 && refused.standardOutput.isEmpty)
        #expect(refused.standardError.contains("--show pattern 't5.*' matches no step of this additive trace"))
    }

    @Test func aSpecsOwnVariantIsUsedWhenNoVariantIsGiven() throws {
        let directory = try makeTemporaryDirectory()
        try Data(#"{"variant": "dot", "tensors": {"query": [[1, 2]], "keys": [[1, 0], [0, 1]]}}"#.utf8)
            .write(to: directory.appendingPathComponent("spec.json"))
        let result = try runAttentionTrace(["trace", "--input", "spec.json", "--format", "json"], in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        let trace = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(trace["variant"] as? String == "dot")
    }

    @Test func theWalkthroughHasTheFiveStepsTheHeatmapAndMathML() throws {
        let directory = try makeTemporaryDirectory()
        let page = directory.appendingPathComponent("walkthrough.html")
        let result = try runAttentionTrace(Self.arguments(for: "additive") + ["--format", "html", "--output", page.path])
        #expect(result.status == 0)
        #expect(result.standardOutput.isEmpty)
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.hasPrefix("<!doctype html>") || html.hasPrefix("<!DOCTYPE html>"))
        for title in ["Embed the source words", "Concatenate the decoder state with each annotation",
                      "Score every source word", "Normalise the scores into weights", "Take the weighted sum of the values"] {
            #expect(html.contains(title), "missing step: \(title)")
        }
        #expect(html.contains("<svg"))
        #expect(html.contains("<math"))
        #expect(!html.contains("http://") && !html.contains("https://"))
    }

    @Test func jsonFollowsTheConventionsAndIsByteIdenticalAcrossRuns() throws {
        let first = try runAttentionTrace(Self.arguments(for: "additive") + ["--format", "json", "--seed", "7"])
        let second = try runAttentionTrace(Self.arguments(for: "additive") + ["--format", "json", "--seed", "7"])
        #expect(first.status == 0)
        #expect(first.standardOutput == second.standardOutput)
        #expect(!first.standardOutput.contains("\\/"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(first.standardOutput.utf8)) as? [String: Any])
        for key in ["schema", "variant", "inputs", "steps", "warnings", "result"] { #expect(json[key] != nil, "\(key)") }
        #expect(json["variant"] as? String == "additive")
        #expect(json["schema"] as? Int == 3)
        let result = try #require(json["result"] as? [String: [String: Any]])
        #expect(result["weights"]?["sources"] as? [String] == ["alignment.weights"])
        let axes = try #require(result["weights"]?["axes"] as? [[String: Any]])
        #expect(axes.map { $0["name"] as? String } == ["target", "source"])
        #expect(axes[1]["labels"] as? [String] == ["the", "man", "who", "visited", "the", "zoo", "yesterday"])
        let weights = try #require(result["weights"]?["values"] as? [[Double]])
        #expect(weights.count == 8 && weights.allSatisfy { $0.count == 7 })
        for row in weights { #expect(abs(row.reduce(0, +) - 1) <= 1e-12) }
        #expect((result["context"]?["values"] as? [[Double]])?.count == 8)
        let steps = try #require(json["steps"] as? [[String: Any]])
        #expect(steps.allSatisfy { $0["id"] is String && $0["title"] is String && $0["tensors"] is [Any] })
        // Keys are sorted: "inputs" comes before "result" and "schema" in the text.
        let text = first.standardOutput
        #expect(try #require(text.range(of: "\"inputs\"")).lowerBound < (try #require(text.range(of: "\"schema\""))).lowerBound)
    }

    @Test func jsonWrittenToAFileIsWhatStandardOutputShows() throws {
        let directory = try makeTemporaryDirectory()
        let file = directory.appendingPathComponent("trace.json")
        let arguments = Self.arguments(for: "multi-head") + ["--format", "json"]
        let written = try runAttentionTrace(arguments + ["--output", file.path])
        let shown = try runAttentionTrace(arguments)
        #expect(written.status == 0 && written.standardOutput.isEmpty)
        #expect(try Data(contentsOf: file) == Data(shown.standardOutput.utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["trace.json"])
    }

    @Test(arguments: allVariants)
    func everyVariantTracesInEveryFormat(_ variant: String) throws {
        for format in ["markdown", "html", "json"] {
            let result = try runAttentionTrace(Self.arguments(for: variant) + ["--format", format])
            #expect(result.status == 0, "\(variant) \(format): \(result.standardError)")
            #expect(result.standardOutput.count > 1000, "\(variant) \(format)")
            #expect(result.standardOutput.range(of: #"\bnan\b"#, options: [.regularExpression, .caseInsensitive]) == nil,
                    "\(variant) \(format) shows a NaN")
        }
    }

    @Test(arguments: allVariants)
    func everyAxisHasANameAndTheProseHasNoTeX(_ variant: String) throws {
        let result = try runAttentionTrace(Self.arguments(for: variant) + ["--model", "seeded", "--format", "markdown"])
        #expect(result.status == 0, "\(result.standardError)")
        let unnamed = result.standardOutput.split(separator: "\n").filter { $0.contains(" × )") || $0.contains("( × ") }
        #expect(unnamed.isEmpty, "\(variant): \(unnamed.prefix(2))")

        // Prose is read as text, not typeset: a subscript written in TeX (`s_{t−1}`) shows its braces.
        let json = try runAttentionTrace(Self.arguments(for: variant) + ["--model", "seeded", "--format", "json"])
        let trace = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        let steps = try #require(trace["steps"] as? [[String: Any]])
        let prose = steps.flatMap { step in
            [step["explanation"] as? String ?? ""]
                + (step["tensors"] as? [[String: Any]] ?? []).map { $0["description"] as? String ?? "" }
        }
        let typeset = prose.filter { $0.contains("_{") }
        #expect(typeset.isEmpty, "\(variant): \(typeset.prefix(2))")
    }

    /// A 100-word pair's page is budgeted (issue 11, item 18): under 3 MB for every variant,
    /// and a page that had to leave steps' tensors out says so in the overview and in each step.
    @Test(arguments: allVariants)
    func aHundredWordPairsPageStaysUnderThreeMegabytes(_ variant: String) throws {
        let words = (0..<100).map { "w\($0)" }.joined(separator: " ")
        let french = (0..<100).map { "v\($0)" }.joined(separator: " ")
        let sourceOnly = ["self", "causal", "multi-head", "flash", "kv-cache"].contains(variant)
        let directory = try makeTemporaryDirectory()
        let page = directory.appendingPathComponent("long.html")
        let result = try runAttentionTrace(["trace", "--variant", variant, "--model", "seeded", "--source", words]
                                           + (sourceOnly ? [] : ["--target", french]) + ["--output", page.path])
        #expect(result.status == 0, "\(result.standardError)")
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.utf8.count < 3_000_000, "\(variant): \(html.utf8.count) bytes")
        let leftOutSteps = html.components(separatedBy: "<p class=\"left-out\">").count - 1
        if leftOutSteps > 0 {
            #expect(html.contains("the tensors of the last \(leftOutSteps) steps"), "\(variant): the overview counts them")
        }
        if ["additive", "local-p", "kv-cache"].contains(variant) {
            #expect(leftOutSteps > 0, "\(variant): a page this long leaves later steps' tensors out")
        }
    }

    @Test func aLeftOutStepIsShownInFullByTheShowOptionItNames() throws {
        let words = (0..<100).map { "w\($0)" }.joined(separator: " ")
        let french = (0..<100).map { "v\($0)" }.joined(separator: " ")
        let arguments = ["trace", "--variant", "additive", "--model", "seeded", "--source", words, "--target", french]
        let page = try runAttentionTrace(arguments + ["--format", "html"])
        let leftOut = try #require(page.standardOutput.components(separatedBy: "<p class=\"left-out\">").last)
        let step = try #require(leftOut.components(separatedBy: "<code>--show ").dropFirst().first?
            .components(separatedBy: "</code>").first)
        #expect(step == "alignment")
        let shown = try runAttentionTrace(arguments + ["--show", step, "--format", "html"])
        #expect(shown.status == 0, "\(shown.standardError)")
        #expect(!shown.standardOutput.contains("class=\"left-out\""))
        #expect(shown.standardOutput.contains("id=\"tensor-alignment.weights\""))
    }

    @Test func aSpecTraceAgreesWithTheIndependentReference() throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("AttentionEngineTests/Fixtures")
        for name in ["additive/wide-keys", "multi-head/four-heads", "local-p/edges", "co-attention/basic"] {
            let fixture = try #require(try JSONSerialization.jsonObject(
                with: Data(contentsOf: fixtures.appendingPathComponent("\(name).json"))) as? [String: Any])
            let directory = try makeTemporaryDirectory()
            let spec = directory.appendingPathComponent("spec.json")
            try JSONSerialization.data(withJSONObject: try #require(fixture["spec"])).write(to: spec)
            let variant = try #require((fixture["spec"] as? [String: Any])?["variant"] as? String)
            let result = try runAttentionTrace(["trace", "--variant", variant, "--input", spec.path, "--format", "json"])
            #expect(result.status == 0, "\(name): \(result.standardError)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
            let actual = try #require(json["result"] as? [String: [String: Any]])
            let expected = try #require(fixture["expected"] as? [String: Any])
            for (key, value) in actual {
                let a = flatten(value["values"] as Any), e = flatten(try #require(expected[key], "\(name): \(key)"))
                #expect(a.count == e.count && zip(a, e).allSatisfy { abs($0 - $1) <= 1e-12 }, "\(name): \(key)")
            }
        }
    }
}

/// The numbers of a nested JSON array, in order.
func flatten(_ value: Any) -> [Double] {
    if let number = value as? Double { return [number] }
    if let array = value as? [Any] { return array.flatMap(flatten) }
    return []
}
