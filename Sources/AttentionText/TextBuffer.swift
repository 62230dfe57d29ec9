/// Text being written, as UTF-8 bytes in one growing buffer, read as a `String` once at the end.
///
/// A page is written in some 150,000 small pieces: tags, attributes, numbers and
/// labels. Appending one to a `String` costs a few hundred instructions (a
/// uniqueness and a capacity check, then the UTF-8 count and the ASCII flag);
/// copying its bytes here costs a few dozen. The buffer is noncopyable, so two
/// writers cannot share it by accident, and it frees its memory when it ends.
package struct TextBuffer: ~Copyable {
    private var start: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int

    /// An empty buffer with room for `capacity` bytes before it grows.
    package init(capacity: Int = 4096) {
        self.capacity = max(capacity, 64)
        start = .allocate(capacity: self.capacity)
    }

    deinit {
        start.deallocate()
    }

    /// The text written so far.
    ///
    /// A `String` validates the UTF-8 it is made from: a fraction of an instruction a
    /// byte when all of it is ASCII, about ten once a single byte is not. A table's
    /// cells and numbers are long ASCII runs between a caption and a heatmap that
    /// are not (`×`, `→`, Greek letters), so each ASCII run of ``longASCIIRun``
    /// bytes or more is made into a string of its own and the pieces are joined.
    ///
    /// - Complexity: O(number of bytes).
    package var text: String {
        var text = ""
        text.reserveCapacity(count)
        var pieceStart = 0
        for run in longASCIIRuns() {
            if pieceStart < run.lowerBound { text += string(of: pieceStart..<run.lowerBound) }
            text += string(of: run)
            pieceStart = run.upperBound
        }
        if pieceStart < count { text += string(of: pieceStart..<count) }
        return text
    }

    /// The shortest run of ASCII bytes ``text`` makes a string of its own.
    private static let longASCIIRun = 1024

    /// The byte ranges of at least ``longASCIIRun`` bytes, all ASCII, in order; found
    /// eight bytes at a time, so their ends are rounded inwards to whole words.
    private func longASCIIRuns() -> [Range<Int>] {
        let raw = UnsafeRawPointer(start)
        var runs: [Range<Int>] = []
        var runStart = 0, offset = 0
        while offset + 8 <= count {
            if raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 {
                if offset - runStart >= Self.longASCIIRun { runs.append(runStart..<offset) }
                runStart = offset + 8
            }
            offset += 8
        }
        if offset - runStart >= Self.longASCIIRun { runs.append(runStart..<offset) }
        return runs
    }

    /// The bytes in `range`, which starts and ends between characters, as a string.
    private func string(of range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(start: start + range.lowerBound, count: range.count), as: UTF8.self)
    }

    /// Appends `text`'s UTF-8 bytes.
    package mutating func append(_ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ append(utf8: $0) }) == nil {
            var text = text
            text.withUTF8 { append(utf8: $0) }
        }
    }

    /// Appends `text`'s UTF-8 bytes.
    package mutating func append(_ text: Substring) {
        if text.utf8.withContiguousStorageIfAvailable({ append(utf8: $0) }) == nil {
            var text = text
            text.withUTF8 { append(utf8: $0) }
        }
    }

    /// Appends `bytes`, which must be whole UTF-8 characters (a slice of a string cut before or after an ASCII byte).
    ///
    /// Most pieces of a page are a few bytes (`<`, `="`, a tag name), for which a loop
    /// costs less than a call to `memcpy`.
    @inline(__always)
    package mutating func append(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        if count + bytes.count > capacity { grow(toHold: count + bytes.count) }
        if bytes.count <= 16 {
            for k in 0..<bytes.count { start[count + k] = base[k] }
        } else {
            (start + count).update(from: base, count: bytes.count)
        }
        count += bytes.count
    }

    /// Appends the UTF-8 bytes of `literal`, without making a `String` of it first: a
    /// template's JSON writes some 80,000 quotes, commas and brackets.
    @inline(__always)
    package mutating func append(literal: StaticString) {
        guard literal.hasPointerRepresentation else {
            literal.withUTF8Buffer { append(utf8: $0) }
            return
        }
        append(utf8: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// Appends the decimal digits of `number`, with a minus sign when it is negative.
    package mutating func append(decimal number: Int) {
        appendBytes(maximumCount: 20) { bytes in
            var rest = number.magnitude, length = 0
            repeat {
                bytes[length] = UInt8(truncatingIfNeeded: rest % 10) + UInt8(ascii: "0")
                rest /= 10
                length += 1
            } while rest > 0
            if number < 0 {
                bytes[length] = UInt8(ascii: "-")
                length += 1
            }
            var written = UnsafeMutableBufferPointer(rebasing: bytes[..<length])
            written.reverse()
            return length
        }
    }

    /// Appends bytes that `write` puts at the start of the buffer it is given (of
    /// `maximumCount` bytes), returning how many it wrote; they must be valid UTF-8.
    package mutating func appendBytes(maximumCount: Int, _ write: (UnsafeMutableBufferPointer<UInt8>) -> Int) {
        if count + maximumCount > capacity { grow(toHold: count + maximumCount) }
        count += min(max(write(UnsafeMutableBufferPointer(start: start + count, count: maximumCount)), 0), maximumCount)
    }

    /// Appends `text`, as ``append(_:)-(String)`` does.
    package static func += (buffer: inout TextBuffer, text: String) {
        buffer.append(text)
    }

    /// Appends `text`, as ``append(_:)-(Substring)`` does.
    package static func += (buffer: inout TextBuffer, text: Substring) {
        buffer.append(text)
    }

    /// Moves the bytes to a buffer at least twice as large, so appending stays amortised O(1).
    private mutating func grow(toHold needed: Int) {
        let larger = max(needed, capacity * 2)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.update(from: start, count: count)
        start.deallocate()
        start = moved
        capacity = larger
    }
}
