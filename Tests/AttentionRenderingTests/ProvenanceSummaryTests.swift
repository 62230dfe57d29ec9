import AttentionTrace
import Testing
@testable import AttentionRendering

/// The one-line accounts of where a tensor came from read as sentences (issue 11, item 19).
@Suite struct ProvenanceSummaryTests {
    private func text(_ provenance: Provenance) -> String {
        ProvenanceSummary(provenance).pieces.map { piece in
            switch piece {
            case let .text(text): text
            case let .tensor(id): id
            }
        }.joined()
    }

    @Test func slicesAreWrittenAsRowsAndColumnsNotSwiftRanges() {
        #expect(text(Provenance(.sliceRows, ["query"], range: [7, 8])) == "= row 7 of query")
        #expect(text(Provenance(.sliceColumns, ["keys"], range: [2, 5])) == "= columns 2 to 4 of keys")
    }

    @Test func aNoteThatIsTheAccountIsNotRepeated() {
        #expect(text(Provenance(.constant, note: "the zero vector")) == "a constant: the zero vector")
        #expect(text(Provenance(.given, note: "checkpoint m.safetensors, tensor 'W_a'")) == "checkpoint m.safetensors, tensor 'W_a'")
        #expect(text(Provenance(.tanh, ["u"], note: "the encoder's state")) == "= tanh(u) — the encoder's state")
        #expect(text(Provenance(.embedding, note: "uniform on [−√(3/8), √(3/8)) from the seed 42 and the token text"))
                    == "the token's embedding: uniform on [−√(3/8), √(3/8)) from the seed 42 and the token text")
    }
}
