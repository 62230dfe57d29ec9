import AttentionJSON
import AttentionRendering
import AttentionTrace
import Foundation
import TestSupport
import Testing

/// `render(_:as:)` and `render(_:as:to:)`: each format reaches its writer, and the
/// writers' errors come back as rendering errors.
@Suite struct TraceFormatTests {
    /// A sink that keeps each chunk, and fails on every chunk when `isFull`.
    struct RecordingSink: ByteSink {
        struct Full: Error, Equatable {}

        var chunks: [[UInt8]] = []
        var isFull = false

        mutating func write(_ bytes: UnsafeRawBufferPointer) throws(Full) {
            if isFull { throw Full() }
            chunks.append(Array(bytes))
        }
    }

    @Test(arguments: [HandTraces.additive, HandTraces.causal])
    func jsonIsByteIdenticalToJSONEncoder(_ trace: Trace) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let expected = String(decoding: try encoder.encode(trace), as: UTF8.self) + "\n"
        #expect(try render(trace, as: .json) == expected)
    }

    @Test func anUnencodableValueIsARenderingError() {
        var trace = SampleTraces.additive
        trace.result["context"] = .numbers(Tensor(rows: [[1, .nan]]))
        let expected = RenderingError.unencodable(path: ".result.context.values[0][1]", reason: "NaN is not a JSON number")
        #expect(throws: expected) { try render(trace, as: .json) }
        var sink = RecordingSink()
        #expect(throws: StreamingError<RecordingSink.Full>.rendering(expected)) { try render(trace, as: .json, to: &sink) }
        #expect(expected.description == "cannot encode .result.context.values[0][1] as JSON: NaN is not a JSON number")
    }

    @Test func aFailingSinkIsASinkError() {
        var sink = RecordingSink(isFull: true)
        #expect(throws: StreamingError<RecordingSink.Full>.sink(RecordingSink.Full())) {
            try render(SampleTraces.additive, as: .json, to: &sink)
        }
        #expect(throws: StreamingError<RecordingSink.Full>.sink(RecordingSink.Full())) {
            try render(SampleTraces.additive, as: .html, to: &sink)
        }
    }

    @Test func markdownIsWrittenWhole() throws {
        var sink = RecordingSink()
        try render(SampleTraces.additive, as: .markdown, to: &sink)
        #expect(sink.chunks == [Array(try render(SampleTraces.additive, as: .markdown).utf8)])
    }
}
