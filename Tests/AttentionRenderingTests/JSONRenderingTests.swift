import AttentionTrace
import Foundation
import Testing
@testable import AttentionRendering

@Suite struct JSONRenderingTests {
    let json: String

    init() throws {
        json = try render(SampleTraces.additive, as: .json)
    }

    @Test func decodesToAnEqualTrace() throws {
        let decoded = try JSONDecoder().decode(Trace.self, from: Data(json.utf8))
        #expect(decoded == SampleTraces.additive)
        #expect(decoded.inputs["keys"]?[1, 0] == 1.0 / 3.0)
        #expect(decoded.steps[1].tensors[0].values[0, 1] == -.infinity)
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
        #expect(try render(SampleTraces.additive, as: .json) == json)
    }

    @Test func notANumberIsReportedWithItsPath() {
        var trace = SampleTraces.additive
        trace.result["context"] = Tensor(vector: [.nan])
        #expect {
            try render(trace, as: .json)
        } throws: { error in
            guard case RenderingError.unencodable(let path, _) = error else { return false }
            return path == ".result.context[0]"
        }
    }
}
