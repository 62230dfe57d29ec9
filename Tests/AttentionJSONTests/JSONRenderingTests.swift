import AttentionJSON
import AttentionTrace
import TestSupport
import Foundation
import TestSupport
import Testing

@Suite struct JSONRenderingTests {
    let json: String

    init() throws {
        json = try traceJSON(SampleTraces.additive)
    }

    @Test func decodesToAnEqualTrace() throws {
        let decoded = try JSONDecoder().decode(Trace.self, from: Data(json.utf8))
        #expect(decoded == SampleTraces.additive)
        #expect(decoded.inputs["keys"]?[1, 0] == 1.0 / 3.0)
        #expect(decoded.steps[1].tensors[0].values?[0, 1] == -.infinity)
    }

    @Test func doublesPrintInTheirShortestExactForm() {
        let compact = json.filter { !$0.isWhitespace }
        #expect(compact.contains("\"keys\":[[0.1,-0.2],[0.3333333333333333,0.25],[-1.5,2]]"))
        #expect(compact.contains("[0.5744425168116848,0,0.4255574831883152]"))
    }

    @Test func maskedEntriesAreNull() {
        #expect(json.filter { !$0.isWhitespace }.contains("[[0.5,null,0.2]]"))
        #expect(!json.contains("inf"))
    }

    @Test func keysAreSortedAndSlashesUnescaped() {
        let topLevel = json.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map {
            String($0.dropFirst(3).prefix { $0 != "\"" })
        }
        #expect(topLevel == ["inputs", "options", "recording", "result", "schema", "sourceTokens", "steps", "targetTokens",
                             "variant", "warnings"])
        #expect(json.contains(#""<script>alert(1)</script>""#))
        #expect(!json.contains(#"\/"#))
        #expect(json.hasSuffix("}\n"))
    }

    @Test func sameTraceGivesIdenticalBytes() throws {
        #expect(try traceJSON(SampleTraces.additive) == json)
    }

    @Test(arguments: JSONReferenceCase.all)
    func isByteIdenticalToJSONEncoder(_ reference: JSONReferenceCase) throws {
        // JSONEncoder (the former implementation) is the independent reference for the layout.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let expected = String(decoding: try encoder.encode(reference.trace), as: UTF8.self) + "\n"
        let actual = try traceJSON(reference.trace)
        let difference = zip(expected.utf8, actual.utf8).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        #expect(actual == expected, "first difference at byte \(difference ?? min(expected.utf8.count, actual.utf8.count))")
    }

    @Test func awkwardValuesDecodeToAnEqualTrace() throws {
        let json = try traceJSON(JSONReferenceCase.awkward)
        #expect(try JSONDecoder().decode(Trace.self, from: Data(json.utf8)) == JSONReferenceCase.awkward)
    }

    @Test func notANumberIsReportedWithItsPath() {
        var trace = SampleTraces.additive
        trace.result["context"] = .numbers(Tensor(vector: [.nan]))
        #expect(throws: UnencodableValue(path: ".result.context.values[0]", reason: "NaN is not a JSON number")) {
            try traceJSON(trace)
        }
    }

    @Test func infinityInAStepIsReportedWithTheEntrysIndex() {
        var trace = SampleTraces.additive
        trace.steps[3].tensors[0].recorded = .full(Tensor(rows: [[0.5, 0.25, 0.25], [0.5, .infinity, 0]]))
        #expect(throws: UnencodableValue(path: ".steps[3].tensors[0].values[1][1]", reason: "+∞ is not a JSON number")) {
            try traceJSON(trace)
        }
    }

    @Test func aNonFiniteFactorIsReportedWithItsPath() {
        var trace = SampleTraces.additive
        trace.steps[0].tensors[1].provenance.factor = -.infinity
        #expect(throws: UnencodableValue(path: ".steps[0].tensors[1].provenance.factor", reason: "−∞ is not a JSON number")) {
            try traceJSON(trace)
        }
    }
}

/// A trace whose JSON must match `JSONEncoder`'s byte for byte.
struct JSONReferenceCase: Sendable, CustomTestStringConvertible {
    let testDescription: String
    let trace: Trace

    static let all = [
        JSONReferenceCase(testDescription: "additive sample", trace: SampleTraces.additive),
        JSONReferenceCase(testDescription: "multi-head sample", trace: SampleTraces.multiHead),
        JSONReferenceCase(testDescription: "awkward values", trace: awkward),
        JSONReferenceCase(testDescription: "several megabyte chunks", trace: JSONStreamingTests.large),
        JSONReferenceCase(testDescription: "summarised tensors and results", trace: SampleTraces.summarized),
        JSONReferenceCase(testDescription: "every number kept", trace: {
            var trace = SampleTraces.additive
            trace.recording = .full
            return trace
        }()),
    ]

    /// Every kind of value the layout treats specially: control characters and non-ASCII
    /// text, keys that sort differently by UTF-8 than by `String`, empty containers,
    /// tensors of no, zero-sized and three dimensions, absent optionals, and doubles
    /// at the edges of their formatting (`-0`, `1e-05`, `1e+16`, subnormals) together
    /// with thousands drawn from every exponent.
    static let awkward: Trace = {
        let text = String(String.UnicodeScalarView((0...0x7F).compactMap(Unicode.Scalar.init)))
            + "/ \\ é e\u{301} שלום 🐈 \u{2028}\u{FEFF}</script>"
        let edges: [Double] = [0, -0.0, 1, -1, 100, 0.1, 1.0 / 3, 1e-4, 1e-5, 1e15, 1e16, 9_007_199_254_740_992,
                               9_007_199_254_740_994, 1e20, 1.5e300, .leastNonzeroMagnitude, .leastNormalMagnitude,
                               .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .ulpOfOne, -.infinity]
        // Bit patterns spread over every exponent (a multiplicative hash of the index), finite ones only.
        let spread = (1...6000).map { Double(bitPattern: UInt64($0) &* 0x9E37_79B9_7F4A_7C15) }.filter(\.isFinite)
        let numbers = Tensor(vector: edges + spread)
        let cube = Tensor(shape: [2, 2, 3], scalars: (0..<12).map { Double($0) / 8 })
        let axes = [Axis(name: text, labels: ["", text]), Axis(name: "dimension")]
        let step = Step(id: text, title: "", group: text, explanation: text, formulas: [Formula(text), ""], tensors: [
            TracedTensor(id: "labelled", symbol: text, description: text, axes: axes, values: Tensor(rows: [[1, -.infinity], [0.5, 2]]),
                         provenance: Provenance(.scale, ["a", text], factor: 0.125, range: [0, 2], note: text)),
            TracedTensor(id: "whole factor", symbol: "s", description: "", axes: [Axis(name: "n")], values: Tensor(vector: [3]),
                         provenance: Provenance(.window, factor: 2)),
        ])
        return Trace(variant: text, sourceTokens: [], targetTokens: nil,
                     options: ["b": "1", "B": "2", "_": text, "é": "", "Z": "", "": "empty", "10": "", "9": "", "a.b": ""],
                     inputs: ["numbers": numbers, "scalar": Tensor(shape: [], scalars: [-.infinity]),
                              "empty": Tensor(vector: []), "no columns": Tensor(shape: [2, 0], scalars: []),
                              "cube": cube, "one": Tensor(shape: [1, 1, 1], scalars: [7])],
                     steps: [step, Step(id: "bare", title: "t", explanation: "e", formulas: [])],
                     warnings: [], result: [:])
    }()
}
