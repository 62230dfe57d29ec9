/// A read position in a GGUF file's bytes: little-endian integers and length-prefixed strings, each
/// bounds-checked, errors naming the file and what was being read.
struct GGUFCursor {
    let bytes: UnsafeRawBufferPointer
    let file: String
    /// The byte offset of the next read.
    private(set) var offset = 0
    /// What is being read, for errors: "the header", "metadata key #3", "tensor info 'x'".
    var reading = "the header"

    init(bytes: UnsafeRawBufferPointer, file: String) {
        self.bytes = bytes
        self.file = file
    }

    /// The bytes after the read position.
    var remaining: Int { bytes.count - offset }

    mutating func read<Integer: FixedWidthInteger>(_: Integer.Type) throws -> Integer {
        let size = MemoryLayout<Integer>.size
        guard remaining >= size else { throw GGUFError.truncated(file: file, reading: reading, offset: bytes.count) }
        defer { offset += size }
        return Integer(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: Integer.self))
    }

    /// Reads a uint64 count and checks that `count` elements of at least `elementSize` bytes fit in the rest.
    mutating func readCount(elementSize: Int) throws -> Int {
        let start = offset
        let count = try read(UInt64.self)
        guard let elements = Int(exactly: count) else {
            throw GGUFError.lengthPastEnd(file: file, reading: reading, length: count, offset: start)
        }
        let (byteCount, overflow) = elements.multipliedReportingOverflow(by: elementSize)
        guard !overflow, byteCount <= remaining else {
            throw GGUFError.lengthPastEnd(file: file, reading: reading, length: count, offset: start)
        }
        return elements
    }

    /// Reads a string: a uint64 byte count, then that many bytes of UTF-8.
    mutating func readString() throws -> String {
        let count = try readCount(elementSize: 1)
        defer { offset += count }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count]), as: UTF8.self)
    }
}
