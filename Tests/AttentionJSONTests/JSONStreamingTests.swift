import AttentionJSON
import AttentionTrace
import TestSupport
import Foundation
import TestSupport
import Testing

/// `writeTraceJSON(_:to:)`: JSON reaches the sink in bounded chunks, and failures say which side failed.
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
        try writeTraceJSON(Self.large, to: &sink)
        #expect(sink.chunks.count >= 4)
        #expect(sink.chunks.allSatisfy { $0.count <= (1 << 20) + 4096 }, "\(sink.chunks.map(\.count))")
        #expect(String(decoding: sink.chunks.joined(), as: UTF8.self) == (try traceJSON(Self.large)))
    }

    @Test func aFailingSinkStopsTheRendering() {
        var sink = RecordingSink(failingChunk: 1)
        #expect(throws: JSONStreamingError<RecordingSink.Full>.sink(RecordingSink.Full())) {
            try writeTraceJSON(Self.large, to: &sink)
        }
        #expect(sink.chunks.count == 1)
    }

    @Test func aValueFoundAfterEarlierChunksIsUnencodable() {
        var trace = Self.large
        trace.result["context"] = .numbers(Tensor(rows: [[1, .nan]]))
        var sink = RecordingSink()
        #expect(throws: JSONStreamingError<RecordingSink.Full>.unencodable(
            UnencodableValue(path: ".result.context.values[0][1]", reason: "NaN is not a JSON number"))) {
            try writeTraceJSON(trace, to: &sink)
        }
        #expect(!sink.chunks.isEmpty)
    }
}
