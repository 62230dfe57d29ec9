/// A destination for rendered bytes, handed over a chunk at a time.
///
/// Streaming renderers such as the JSON writer format into a buffer of fixed size
/// and pass it to a sink whenever it fills, so output of any size needs only that
/// buffer's memory. A sink in memory never fails (its ``Failure`` is `Never`); a
/// file can, and its error says why.
public protocol ByteSink {
    /// What writing can fail with.
    associatedtype Failure: Error

    /// Appends `bytes` to everything written before.
    ///
    /// - Throws: `Failure` when the bytes cannot be written; what was written
    ///   before stays written.
    mutating func write(_ bytes: UnsafeRawBufferPointer) throws(Failure)
}

extension ByteSink {
    /// Appends the UTF-8 encoding of `text`.
    public mutating func write(_ text: String) throws(Failure) {
        try Array(text.utf8).withUnsafeBufferPointer { (utf8) throws(Failure) in
            try write(UnsafeRawBufferPointer(utf8))
        }
    }
}

/// A sink that keeps every byte in memory, for callers that want the rendering as a value.
struct ByteArraySink: ByteSink {
    /// Everything written, in order.
    private(set) var bytes: [UInt8] = []

    mutating func write(_ bytes: UnsafeRawBufferPointer) {
        self.bytes.append(contentsOf: bytes)
    }
}
