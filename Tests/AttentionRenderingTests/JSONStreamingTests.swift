import AttentionTrace
import TestSupport
import Foundation
import Testing
import AttentionRendering

/// `render(_:as:to:)`: JSON reaches the sink in bounded chunks, and failures say which side failed.
@Suite struct JSONStreamingTests {
    /// A sink that keeps each chunk, and fails on the chunk numbered `failingChunk`.
    struct RecordingSink: ByteSink {
        struct Full: Error, Equatable {}

        var chunks: [[UInt8]] = []
        var failingChunk: Int?

        mutating func write(_ bytes: UnsafeRawBufferPointer) throws(Full) {
            if chunks.count == failingChunk { throw Full() }
            chunks.append(Array(bytes))
        }
    }

    /// A trace of about 5 MB of JSON: a 400 × 400 tensor of thirds, first in key order.
    static let large: Trace = {
        var trace = SampleTraces.additive
        trace.inputs["a large input"] = Tensor(shape: [400, 400], scalars: (0..<160_000).map { Double($0) / 3 })
        return trace
    }()

    @Test func chunksAreBoundedAndMakeUpTheText() throws {
        var sink = RecordingSink()
        try render(Self.large, as: .json, to: &sink)
        #expect(sink.chunks.count >= 4)
        #expect(sink.chunks.allSatisfy { $0.count <= (1 << 20) + 4096 }, "\(sink.chunks.map(\.count))")
        #expect(String(decoding: sink.chunks.joined(), as: UTF8.self) == (try render(Self.large, as: .json)))
    }

    @Test func aFailingSinkStopsTheRendering() {
        var sink = RecordingSink(failingChunk: 1)
        #expect(throws: StreamingError<RecordingSink.Full>.sink(RecordingSink.Full())) {
            try render(Self.large, as: .json, to: &sink)
        }
        #expect(sink.chunks.count == 1)
    }

    @Test func aValueFoundAfterEarlierChunksIsARenderingError() {
        var trace = Self.large
        trace.result["context"] = .numbers(Tensor(rows: [[1, .nan]]))
        var sink = RecordingSink()
        #expect(throws: StreamingError<RecordingSink.Full>.rendering(
            .unencodable(path: ".result.context.values[0][1]", reason: "NaN is not a JSON number"))) {
            try render(trace, as: .json, to: &sink)
        }
        #expect(!sink.chunks.isEmpty)
    }

    @Test func markdownIsWrittenWhole() throws {
        var sink = RecordingSink()
        try render(SampleTraces.additive, as: .markdown, to: &sink)
        #expect(sink.chunks == [Array(try render(SampleTraces.additive, as: .markdown).utf8)])
    }
}
