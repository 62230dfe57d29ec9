import AttentionTrace

/// Writes the trace as JSON into `sink`, a chunk at a time, with keys sorted and
/// indentation so that the same input and seed give byte-identical files that diff well.
///
/// The bytes are exactly those of Foundation's `JSONEncoder` with
/// `[.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]` on the trace's `Codable`
/// form, followed by a newline: doubles in the shortest form that decodes to the same
/// value (`0.1`, `0.3333333333333333`, `1`), −∞ in a tensor (a masked entry) as `null`.
/// Memory stays at one chunk (a megabyte) however large the trace.
///
/// - Parameters:
///   - trace: The trace to write.
///   - sink: Where the bytes go, such as a ``FileHandleSink``.
/// - Throws: ``JSONStreamingError/unencodable(_:)`` when the trace holds a value JSON
///   cannot represent, such as `+∞` or NaN (the chunks before it are already in the
///   sink); ``JSONStreamingError/sink(_:)`` when the sink fails.
public func writeTraceJSON<Sink: ByteSink>(_ trace: Trace, to sink: inout Sink) throws(JSONStreamingError<Sink.Failure>) {
    var writer = JSONWriter(sink: sink)
    defer { sink = writer.sink }
    try trace.writeJSON(into: &writer)
    writer.endLine()
    try writer.flush()
}

/// The trace as JSON text, as ``writeTraceJSON(_:to:)`` writes it.
///
/// - Parameter trace: The trace to write.
/// - Returns: The JSON text, ending with a newline.
/// - Throws: ``UnencodableValue`` when the trace holds a value JSON cannot
///   represent, such as `+∞` or NaN.
public func traceJSON(_ trace: Trace) throws(UnencodableValue) -> String {
    var sink = ByteArraySink()
    do {
        try writeTraceJSON(trace, to: &sink)
    } catch {
        switch error {
        case .unencodable(let value): throw value
        case .sink(let never): switch never {}
        }
    }
    return String(decoding: sink.bytes, as: UTF8.self)
}
