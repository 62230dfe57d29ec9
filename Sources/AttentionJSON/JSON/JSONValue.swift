/// A value that writes itself through a ``JSONWriter``, exactly as `JSONEncoder`
/// would encode its `Codable` form.
///
/// Each conforming type has one function that lists its members, so adding a
/// field, or leaving an absent optional out, is one line there.
protocol JSONValue {
    /// Writes the value at the writer's current position.
    ///
    /// - Throws: ``JSONStreamingError/unencodable(_:)`` for a value JSON cannot hold,
    ///   ``JSONStreamingError/sink(_:)`` when the sink fails.
    func writeJSON<Sink: ByteSink>(into writer: inout JSONWriter<Sink>) throws(JSONStreamingError<Sink.Failure>)
}

extension String: JSONValue {
    func writeJSON<Sink: ByteSink>(into writer: inout JSONWriter<Sink>) {
        writer.writeString(self)
    }
}

extension Int: JSONValue {
    func writeJSON<Sink: ByteSink>(into writer: inout JSONWriter<Sink>) {
        writer.writeInteger(self)
    }
}

extension Double: JSONValue {
    func writeJSON<Sink: ByteSink>(into writer: inout JSONWriter<Sink>) throws(JSONStreamingError<Sink.Failure>) {
        try writer.writeNumber(self)
    }
}

extension Array: JSONValue where Element: JSONValue {
    func writeJSON<Sink: ByteSink>(into writer: inout JSONWriter<Sink>) throws(JSONStreamingError<Sink.Failure>) {
        try writer.writeArray(self)
    }
}

extension Dictionary: JSONValue where Key == String, Value: JSONValue {
    func writeJSON<Sink: ByteSink>(into writer: inout JSONWriter<Sink>) throws(JSONStreamingError<Sink.Failure>) {
        try writer.writeObject(self)
    }
}
