import AttentionTrace

/// Formats JSON into bytes in exactly the layout of Foundation's `JSONEncoder` with
/// `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]`.
///
/// The layout, as swift-foundation's `JSONWriter` produces it:
/// - every array element and object member on a line of its own, indented by two
///   spaces per level of nesting, members written `"key" : value`, separated by `,`
///   and a newline; an empty container is its brackets around an empty line
///   (`[`, newline, newline, indentation, `]`);
/// - strings escaped with `\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t` and `\u00XX`
///   (lowercase hex) for the other control characters, `/` and non-ASCII kept as they are;
/// - numbers as ``appendNumber(_:)`` writes them.
///
/// The formatter only appends to ``bytes``; ``JSONWriter`` hands them to a sink and
/// orders object keys. It is not generic, so that the per-number work is compiled
/// once, fully optimised, whatever the sink.
struct JSONFormatter: TextOutputStream {
    /// The formatted bytes not yet handed on.
    var bytes: [UInt8] = []
    /// Containers open around the next value; each adds two spaces of indentation.
    private var depth = 0
    /// Whether the innermost open container has no element yet.
    private var isFirstElement = true
    /// The keys and indices leading to the value being written, for error messages.
    private var path: [PathComponent] = []

    // MARK: - Containers

    /// Starts an object or an array with its opening `bracket`.
    mutating func open(_ bracket: UInt8) {
        bytes.append(bracket)
        bytes.append(UInt8(ascii: "\n"))
        depth += 1
        isFirstElement = true
    }

    /// Ends the innermost container with its closing `bracket`.
    mutating func close(_ bracket: UInt8) {
        bytes.append(UInt8(ascii: "\n"))
        depth -= 1
        appendIndentation()
        bytes.append(bracket)
        isFirstElement = false
    }

    /// Starts the next element of the innermost container: the separator after the
    /// previous element, a new line and the indentation.
    mutating func beginElement() {
        if isFirstElement {
            isFirstElement = false
        } else {
            bytes.append(UInt8(ascii: ","))
            bytes.append(UInt8(ascii: "\n"))
        }
        appendIndentation()
    }

    /// Starts the member `key` of the innermost object, up to its value.
    mutating func beginMember(_ key: String) {
        beginElement()
        writeString(key)
        bytes.append(UInt8(ascii: " "))
        bytes.append(UInt8(ascii: ":"))
        bytes.append(UInt8(ascii: " "))
        path.append(.key(key))
    }

    /// Ends the member begun last.
    mutating func endMember() {
        path.removeLast()
    }

    /// Starts the element at `index` of the innermost array, recording the index for error messages.
    mutating func beginElement(at index: Int) {
        beginElement()
        path.append(.index(index))
    }

    /// Ends the element begun last with ``beginElement(at:)``.
    mutating func endElement() {
        path.removeLast()
    }

    private mutating func appendIndentation() {
        var remaining = 2 * depth
        while remaining > 0 {
            let count = min(remaining, spaces.utf8CodeUnitCount)
            bytes.append(contentsOf: UnsafeBufferPointer(start: spaces.utf8Start, count: count))
            remaining -= count
        }
    }

    // MARK: - Scalars

    /// Writes `text` as a JSON string, escaped as `JSONEncoder` escapes it.
    mutating func writeString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            for (index, byte) in utf8.enumerated() {
                guard let escape = Self.escape(byte) else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                bytes.append(contentsOf: escape)
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// The escape sequence for `byte`, or `nil` when it stands for itself.
    private static func escape(_ byte: UInt8) -> [UInt8]? {
        switch byte {
        case UInt8(ascii: "\""): Array(#"\""#.utf8)
        case UInt8(ascii: "\\"): Array(#"\\"#.utf8)
        case 0x08: Array(#"\b"#.utf8)
        case 0x0C: Array(#"\f"#.utf8)
        case UInt8(ascii: "\n"): Array(#"\n"#.utf8)
        case UInt8(ascii: "\r"): Array(#"\r"#.utf8)
        case UInt8(ascii: "\t"): Array(#"\t"#.utf8)
        case 0..<0x20: Array(#"\u00"#.utf8) + [hexDigit(byte >> 4), hexDigit(byte & 0xF)]
        default: nil
        }
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }

    /// Writes an integer in decimal.
    mutating func writeInteger(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }

    /// Writes a finite number; JSON has no infinity or NaN.
    ///
    /// - Throws: ``UnencodableValue`` naming the value's path.
    mutating func writeNumber(_ value: Double) throws(UnencodableValue) {
        guard value.isFinite else { throw unencodable(value) }
        appendNumber(value)
    }

    /// Writes the entries of `tensor` at row-major offsets `offsets` as elements of
    /// the innermost array, stopping early once ``bytes`` holds `limit` bytes.
    ///
    /// - Returns: The offset of the first entry not written: `offsets.upperBound` when all were.
    /// - Throws: ``UnencodableValue`` as ``writeEntry(of:at:)``.
    mutating func writeEntries(of tensor: Tensor, at offsets: Range<Int>, limit: Int) throws(UnencodableValue) -> Int {
        for offset in offsets {
            guard bytes.count < limit else { return offset }
            beginElement()
            try writeEntry(of: tensor, at: offset)
        }
        return offsets.upperBound
    }

    /// Writes the entry of `tensor` at row-major `offset`: its number, or `null` for −∞
    /// (a masked entry).
    ///
    /// - Throws: ``UnencodableValue`` for `+∞` or NaN, naming the
    ///   entry's index (`.result.context[0][1]`).
    mutating func writeEntry(of tensor: Tensor, at offset: Int) throws(UnencodableValue) {
        let value = tensor.scalars[offset]
        if value.isFinite {
            appendNumber(value)
        } else if value == -.infinity {
            bytes.append(contentsOf: "null".utf8)
        } else {
            throw unencodable(value, at: tensor.index(ofOffset: offset))
        }
    }

    /// The error for `value`, which JSON cannot represent, at the current path
    /// followed by `indices` (the position of a tensor entry, outermost first).
    private func unencodable(_ value: Double, at indices: [Int] = []) -> UnencodableValue {
        let components = path + indices.map(PathComponent.index)
        let name = value.isNaN ? "NaN" : value > 0 ? "+∞" : "−∞"
        return UnencodableValue(path: components.map(\.description).joined(), reason: "\(name) is not a JSON number")
    }

    /// Appends a finite `value` exactly as `JSONEncoder` writes it: `value.description`
    /// (the shortest decimal that reads back as the same `Double`, such as `0.1`,
    /// `1e-05`, `1e+20`, `-0.0`) with a trailing `.0` removed (`1`, `-0`, `100`).
    ///
    /// `Double.write(to:)` produces the same characters as `description` for every
    /// finite value, and hands them to ``_writeASCII(_:)`` straight from a stack
    /// buffer, so no `String` is made per number.
    private mutating func appendNumber(_ value: Double) {
        let start = bytes.count
        value.write(to: &self)
        let end = bytes.count
        if end - start >= 2, bytes[end - 2] == UInt8(ascii: "."), bytes[end - 1] == UInt8(ascii: "0") {
            bytes.removeLast(2)
        }
    }

    /// Appends `text` as UTF-8: `TextOutputStream`'s general path, for anything that
    /// does not come through ``_writeASCII(_:)``.
    mutating func write(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// Appends ASCII text from the standard library's number formatting without
    /// making a `String` of it (a customization point of `TextOutputStream`).
    mutating func _writeASCII(_ text: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: text)
    }
}

/// One step of the path to a value: `.steps`, `[3]`.
private enum PathComponent: CustomStringConvertible {
    case key(String)
    case index(Int)

    var description: String {
        switch self {
        case .key(let key): ".\(key)"
        case .index(let index): "[\(index)]"
        }
    }
}

/// Enough spaces for 32 levels of indentation in one append; deeper levels take several.
/// (Static text, so appending it costs no reference counting.)
private let spaces: StaticString = "                                                                "

extension Tensor {
    /// The index, one coordinate per dimension, of the entry at row-major `offset`.
    fileprivate func index(ofOffset offset: Int) -> [Int] {
        var remainder = offset
        return shape.reversed().map { size in
            defer { remainder /= size }
            return remainder % size
        }.reversed()
    }
}
