import AttentionTrace

// The trace's types as `JSONEncoder` encodes their `Codable` forms. Members are
// listed in sorted key order (the order of `.sortedKeys`); optional members are
// left out when `nil`, as synthesized `Codable` conformances leave them out.

extension Trace: JSONValue {
    func writeJSON<Sink: ByteSink>(into json: inout JSONWriter<Sink>) throws(JSONStreamingError<Sink.Failure>) {
        json.openObject()
        try json.writeMember("inputs", inputs)
        try json.writeMember("options", options)
        try json.writeMember("recording", recording)
        try json.writeMember("result", result)
        try json.writeMember("schema", schema)
        try json.writeMember("sourceTokens", sourceTokens)
        try json.writeMember("steps", steps)
        try json.writeMember("targetTokens", targetTokens)
        try json.writeMember("variant", variant)
        try json.writeMember("warnings", warnings)
        json.closeObject()
    }
}

extension TraceResult: JSONValue {
    func writeJSON<Sink: ByteSink>(into json: inout JSONWriter<Sink>) throws(JSONStreamingError<Sink.Failure>) {
        json.openObject()
        try json.writeMember("axes", axes)
        try json.writeMember("sources", sources)
        try json.writeMember("summary", summary)
        try json.writeMember("values", values)
        json.closeObject()
    }
}

extension Step: JSONValue {
    func writeJSON<Sink: ByteSink>(into json: inout JSONWriter<Sink>) throws(JSONStreamingError<Sink.Failure>) {
        json.openObject()
        try json.writeMember("explanation", explanation)
        try json.writeMember("formulas", formulas)
        try json.writeMember("group", group)
        try json.writeMember("id", id)
        try json.writeMember("tensors", tensors)
        try json.writeMember("title", title)
        json.closeObject()
    }
}

extension TracedTensor: JSONValue {
    func writeJSON<Sink: ByteSink>(into json: inout JSONWriter<Sink>) throws(JSONStreamingError<Sink.Failure>) {
        json.openObject()
        try json.writeMember("axes", axes)
        try json.writeMember("description", description)
        try json.writeMember("id", id)
        try json.writeMember("provenance", provenance)
        try json.writeMember("shape", shape)
        try json.writeMember("summary", summary)
        try json.writeMember("symbol", symbol)
        try json.writeMember("values", values)
        json.closeObject()
    }
}

extension TensorSummary: JSONValue {
    func writeJSON<Sink: ByteSink>(into json: inout JSONWriter<Sink>) throws(JSONStreamingError<Sink.Failure>) {
        json.openObject()
        try json.writeMember("shape", shape)
        try json.writeMember("slices", slices)
        json.closeObject()
    }
}

extension TensorSummary.Slice: JSONValue {
    func writeJSON<Sink: ByteSink>(into json: inout JSONWriter<Sink>) throws(JSONStreamingError<Sink.Failure>) {
        json.openObject()
        try json.writeMember("blockColumns", blockColumns)
        try json.writeMember("blockMeans", blockMeans)
        try json.writeMember("blockRows", blockRows)
        try json.writeMember("edgeColumns", edgeColumns)
        try json.writeMember("edgeRows", edgeRows)
        try json.writeMember("edges", edges)
        try json.writeMember("maskedCount", maskedCount)
        try json.writeMember("maximum", maximum)
        try json.writeMember("mean", mean)
        try json.writeMember("minimum", minimum)
        json.closeObject()
    }
}

extension RecordingPolicy: JSONValue {
    func writeJSON<Sink: ByteSink>(into json: inout JSONWriter<Sink>) throws(JSONStreamingError<Sink.Failure>) {
        json.openObject()
        try json.writeMember("largestStoredTensor", largestStoredTensor)
        json.closeObject()
    }
}

extension Provenance: JSONValue {
    func writeJSON<Sink: ByteSink>(into json: inout JSONWriter<Sink>) throws(JSONStreamingError<Sink.Failure>) {
        json.openObject()
        try json.writeMember("factor", factor)
        try json.writeMember("note", note)
        try json.writeMember("operands", operands)
        try json.writeMember("operation", operation)
        try json.writeMember("range", range)
        json.closeObject()
    }
}

extension Axis: JSONValue {
    func writeJSON<Sink: ByteSink>(into json: inout JSONWriter<Sink>) throws(JSONStreamingError<Sink.Failure>) {
        json.openObject()
        try json.writeMember("labels", labels)
        try json.writeMember("name", name)
        json.closeObject()
    }
}

extension Operation: JSONValue {
    /// Its raw value, a string.
    func writeJSON<Sink: ByteSink>(into json: inout JSONWriter<Sink>) {
        json.writeString(rawValue)
    }
}

extension Formula: JSONValue {
    /// Its notation, a string (see `Formula.encode(to:)`).
    func writeJSON<Sink: ByteSink>(into json: inout JSONWriter<Sink>) {
        json.writeString(text)
    }
}

extension Tensor: JSONValue {
    /// Nested arrays with −∞ as `null`, as `Tensor.encode(to:)` writes them (see ``JSONWriter/writeTensor(_:)``).
    func writeJSON<Sink: ByteSink>(into json: inout JSONWriter<Sink>) throws(JSONStreamingError<Sink.Failure>) {
        try json.writeTensor(self)
    }
}
