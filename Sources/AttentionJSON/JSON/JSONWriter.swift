import AttentionTrace

/// Writes values as JSON in the layout of ``JSONFormatter``, streaming the bytes to a sink.
///
/// Object keys come out in the lexicographic order of their UTF-8 bytes, as
/// `.sortedKeys` orders them: the fixed members of a type are written in that order
/// by its ``JSONValue`` conformance (`JSONValue+Trace.swift`), dictionaries are
/// sorted here. The bytes collect in a buffer that is handed to the sink whenever it
/// holds ``chunkSize`` bytes, so memory stays bounded however large the output.
/// After a thrown error the writer must not be used again.
struct JSONWriter<Sink: ByteSink> {
    typealias Failure = JSONStreamingError<Sink.Failure>

    /// The bytes collected before the buffer is handed to the sink.
    static var chunkSize: Int { 1 << 20 }

    /// The destination; it holds every byte written once ``flush()`` returns, and
    /// those of the chunks handed over before an error.
    private(set) var sink: Sink
    /// The layout and the bytes not yet handed to the sink.
    private(set) var formatter = JSONFormatter()

    /// Creates a writer that streams to `sink`.
    init(sink: Sink) {
        self.sink = sink
        formatter.bytes.reserveCapacity(Self.chunkSize + Self.chunkSize / 8)
    }

    /// Ends the line of the last closing bracket, as a text file ends.
    mutating func endLine() {
        formatter.bytes.append(UInt8(ascii: "\n"))
    }

    // MARK: - Containers

    /// Starts an object; write its members with ``writeMember(_:_:)`` in sorted key order.
    mutating func openObject() {
        formatter.open(UInt8(ascii: "{"))
    }

    /// Ends the object opened last.
    mutating func closeObject() {
        formatter.close(UInt8(ascii: "}"))
    }

    /// Writes the member `key` of the innermost object, or nothing when `value` is `nil`
    /// (as synthesized `Codable` conformances leave out an absent optional).
    ///
    /// - Throws: ``JSONStreamingError/unencodable(_:)`` with the member's path when the value cannot be encoded.
    mutating func writeMember(_ key: String, _ value: (some JSONValue)?) throws(Failure) {
        guard let value else { return }
        try flushIfFull()
        formatter.beginMember(key)
        try value.writeJSON(into: &self)
        formatter.endMember()
    }

    /// Writes `elements` as an array, each through its own ``JSONValue`` conformance.
    mutating func writeArray<Elements: Collection>(_ elements: Elements) throws(Failure)
    where Elements.Element: JSONValue {
        formatter.open(UInt8(ascii: "["))
        for (index, element) in elements.enumerated() {
            try flushIfFull()
            formatter.beginElement(at: index)
            try element.writeJSON(into: &self)
            formatter.endElement()
        }
        formatter.close(UInt8(ascii: "]"))
    }

    /// Writes `dictionary` as an object with its keys in UTF-8 order, as `.sortedKeys` does.
    mutating func writeObject<Value: JSONValue>(_ dictionary: [String: Value]) throws(Failure) {
        openObject()
        for (key, value) in dictionary.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            try writeMember(key, value)
        }
        closeObject()
    }

    // MARK: - Scalars

    /// Writes `text` as a string.
    mutating func writeString(_ text: String) {
        formatter.writeString(text)
    }

    /// Writes an integer.
    mutating func writeInteger(_ value: Int) {
        formatter.writeInteger(value)
    }

    /// Writes a finite number.
    ///
    /// - Throws: ``UnencodableValue`` for an infinity or NaN.
    mutating func writeNumber(_ value: Double) throws(Failure) {
        try format { formatter throws(UnencodableValue) in try formatter.writeNumber(value) }
    }

    /// Writes `tensor` as nested arrays, one level per dimension, row-major, with −∞
    /// (a masked entry) as `null`; a tensor of no dimensions is its one number.
    ///
    /// The entries of each innermost array are formatted by ``JSONFormatter`` (which
    /// is not generic, so that the per-number work is compiled once, fully optimised,
    /// for every sink) a buffer's worth at a time.
    ///
    /// - Throws: ``UnencodableValue`` for `+∞` or NaN, naming the entry.
    mutating func writeTensor(_ tensor: Tensor) throws(Failure) {
        guard !tensor.shape.isEmpty else {
            try format { formatter throws(UnencodableValue) in try formatter.writeEntry(of: tensor, at: 0) }
            return
        }
        try writeDimension(0, of: tensor, from: 0)
    }

    /// Writes the array of the entries whose indices start with those leading to
    /// `offset`, from `dimension` inwards.
    private mutating func writeDimension(_ dimension: Int, of tensor: Tensor, from offset: Int) throws(Failure) {
        let count = tensor.shape[dimension]
        formatter.open(UInt8(ascii: "["))
        if dimension == tensor.shape.count - 1 {
            try writeEntries(of: tensor, at: offset..<(offset + count))
        } else {
            let stride = tensor.shape[(dimension + 1)...].reduce(1, *)
            for index in 0..<count {
                try flushIfFull()
                formatter.beginElement()
                try writeDimension(dimension + 1, of: tensor, from: offset + index * stride)
            }
        }
        formatter.close(UInt8(ascii: "]"))
    }

    private mutating func writeEntries(of tensor: Tensor, at offsets: Range<Int>) throws(Failure) {
        var next = offsets.lowerBound
        repeat {
            try flushIfFull()
            next = try format { formatter throws(UnencodableValue) in
                try formatter.writeEntries(of: tensor, at: next..<offsets.upperBound, limit: Self.chunkSize)
            }
        } while next < offsets.upperBound
    }

    /// Runs `body` on the formatter, reporting its error as an unencodable value.
    private mutating func format<Result>(_ body: (inout JSONFormatter) throws(UnencodableValue) -> Result) throws(Failure) -> Result {
        do {
            return try body(&formatter)
        } catch {
            throw .unencodable(error)
        }
    }

    // MARK: - Output

    private mutating func flushIfFull() throws(Failure) {
        if formatter.bytes.count >= Self.chunkSize { try flush() }
    }

    /// Hands the bytes in the buffer to the sink.
    mutating func flush() throws(Failure) {
        guard !formatter.bytes.isEmpty else { return }
        do {
            try formatter.bytes.withUnsafeBufferPointer { (bytes) throws(Sink.Failure) in
                try sink.write(UnsafeRawBufferPointer(bytes))
            }
        } catch {
            throw .sink(error)
        }
        formatter.bytes.removeAll(keepingCapacity: true)
    }
}
