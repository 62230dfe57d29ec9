/// A position in the UTF-8 bytes of a JSON text, reading one value at a time without building
/// a document tree: the spec reader's lexer.
///
/// It reads only what RFC 8259 allows. A syntax error throws ``SpecReadingError/syntax``
/// without a description: ``InputSpec/init(json:file:)`` then describes it with
/// ``JSONSyntaxError``, the one place that words syntax errors and finds their line and column.
///
/// The bytes are borrowed: a cursor lives only inside the `withUnsafeBytes` of its text.
struct JSONCursor {
    private let bytes: UnsafeRawBufferPointer
    /// The offset of the next byte to read.
    private(set) var offset = 0

    /// The kinds of JSON value, for a message that says what was found instead of what was expected.
    enum Kind: String {
        case object = "an object", array = "an array", string = "a string", number = "a number",
             bool = "a Boolean", null = "null"
    }

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// The byte at the offset after any whitespace, or `nil` at the end of the text.
    @inline(__always)
    mutating func peek() -> UInt8? {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x0A, 0x0D, 0x09: offset += 1
            default: return bytes[offset]
            }
        }
        return nil
    }

    /// The kind of the value that starts at the next byte.
    ///
    /// - Throws: ``SpecReadingError/syntax`` when no value starts there.
    mutating func kind() throws(SpecReadingError) -> Kind {
        guard let byte = peek() else { throw .syntax }
        switch byte {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        default: throw .syntax
        }
    }

    /// Consumes `byte` after any whitespace, or throws.
    mutating func expect(_ byte: UInt8) throws(SpecReadingError) {
        guard peek() == byte else { throw .syntax }
        offset += 1
    }

    /// Consumes `byte` after any whitespace if it is next, and says whether it was.
    @inline(__always)
    mutating func skip(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        offset += 1
        return true
    }

    /// Consumes `null` if it is next, and says whether it was.
    mutating func skipNull() throws(SpecReadingError) -> Bool {
        guard peek() == UInt8(ascii: "n") else { return false }
        try literal("null")
        return true
    }

    /// Checks that nothing but whitespace follows.
    func expectEnd() throws(SpecReadingError) {
        var rest = self
        guard rest.peek() == nil else { throw .syntax }
    }

    /// Reads an object's members: `member` is called with each key, the cursor at its value,
    /// and must consume that value.
    mutating func members(_ member: (inout JSONCursor, String) throws(SpecReadingError) -> Void) throws(SpecReadingError) {
        try expect(UInt8(ascii: "{"))
        if skip(UInt8(ascii: "}")) { return }
        repeat {
            let key = try string()
            try expect(UInt8(ascii: ":"))
            try member(&self, key)
        } while skip(UInt8(ascii: ","))
        try expect(UInt8(ascii: "}"))
    }

    /// Reads an array's elements: `element` is called with each index, the cursor at the element,
    /// and must consume it.
    mutating func elements(_ element: (inout JSONCursor, Int) throws(SpecReadingError) -> Void) throws(SpecReadingError) {
        try expect(UInt8(ascii: "["))
        if skip(UInt8(ascii: "]")) { return }
        var index = 0
        repeat {
            try element(&self, index)
            index += 1
        } while skip(UInt8(ascii: ","))
        try expect(UInt8(ascii: "]"))
    }

    /// Reads `true` or `false`.
    mutating func bool() throws(SpecReadingError) -> Bool {
        if peek() == UInt8(ascii: "t") {
            try literal("true")
            return true
        }
        try literal("false")
        return false
    }

    private mutating func literal(_ word: StaticString) throws(SpecReadingError) {
        let count = word.utf8CodeUnitCount
        guard bytes.count - offset >= count,
              word.withUTF8Buffer({ $0.elementsEqual(bytes[offset..<(offset + count)]) }) else { throw .syntax }
        offset += count
    }

    /// Skips one value of any kind, checking its syntax, with at most ``maximumDepth`` levels of nesting.
    mutating func skipValue(depth: Int = 0) throws(SpecReadingError) {
        guard depth < Self.maximumDepth else { throw .syntax }
        switch try kind() {
        case .object: try members { cursor, _ throws(SpecReadingError) in try cursor.skipValue(depth: depth + 1) }
        case .array: try elements { cursor, _ throws(SpecReadingError) in try cursor.skipValue(depth: depth + 1) }
        case .string: _ = try string()
        case .number: _ = try number()
        case .bool: _ = try bool()
        case .null: try literal("null")
        }
    }

    /// The deepest nesting a spec may have: Foundation's limit, so that every text the reader
    /// refuses for depth, ``JSONSyntaxError`` describes with Foundation's message.
    static let maximumDepth = 512
}

// MARK: - Strings

extension JSONCursor {
    /// Reads a string, decoding its escapes.
    ///
    /// - Throws: ``SpecReadingError/syntax`` for an unterminated string, a control character,
    ///   a bad escape, a lone surrogate or bytes that are not UTF-8.
    mutating func string() throws(SpecReadingError) -> String {
        try expect(UInt8(ascii: "\""))
        let start = offset
        var isASCII = true
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                let text = UnsafeRawBufferPointer(rebasing: bytes[start..<offset])
                offset += 1
                if isASCII { return String(decoding: text, as: UTF8.self) }
                guard let valid = String(validating: text, as: UTF8.self) else { throw .syntax }
                return valid
            }
            if byte == UInt8(ascii: "\\") { break }
            guard byte >= 0x20 else { throw .syntax }
            isASCII = isASCII && byte < 0x80
            offset += 1
        }
        offset = start
        return try escapedString()
    }

    /// Reads the rest of a string that has escapes, from just after its opening quote.
    private mutating func escapedString() throws(SpecReadingError) -> String {
        var decoded: [UInt8] = []
        while offset < bytes.count {
            let byte = bytes[offset]
            offset += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let valid = String(validating: decoded, as: UTF8.self) else { throw .syntax }
                return valid
            case UInt8(ascii: "\\"):
                guard offset < bytes.count else { throw .syntax }
                let escape = bytes[offset]
                offset += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(escape)
                case UInt8(ascii: "b"): decoded.append(0x08)
                case UInt8(ascii: "f"): decoded.append(0x0C)
                case UInt8(ascii: "n"): decoded.append(0x0A)
                case UInt8(ascii: "r"): decoded.append(0x0D)
                case UInt8(ascii: "t"): decoded.append(0x09)
                case UInt8(ascii: "u"): decoded.append(contentsOf: try unicodeEscape())
                default: throw .syntax
                }
            case 0..<0x20:
                throw .syntax
            default:
                decoded.append(byte)
            }
        }
        throw .syntax
    }

    /// The UTF-8 of a `\uXXXX` escape (the cursor just after the `u`), joining a surrogate pair.
    private mutating func unicodeEscape() throws(SpecReadingError) -> [UInt8] {
        var unit = try hexQuad()
        if (0xD800..<0xDC00).contains(unit) {
            guard bytes.count - offset >= 2, bytes[offset] == UInt8(ascii: "\\"), bytes[offset + 1] == UInt8(ascii: "u") else {
                throw .syntax
            }
            offset += 2
            let low = try hexQuad()
            guard (0xDC00..<0xE000).contains(low) else { throw .syntax }
            unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let scalar = Unicode.Scalar(unit) else { throw .syntax }
        return Array(String(Character(scalar)).utf8)
    }

    private mutating func hexQuad() throws(SpecReadingError) -> UInt32 {
        guard bytes.count - offset >= 4 else { throw .syntax }
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = Character(Unicode.Scalar(bytes[offset])).hexDigitValue else { throw .syntax }
            value = value << 4 | UInt32(digit)
            offset += 1
        }
        return value
    }
}

// MARK: - Numbers

extension JSONCursor {
    /// Reads a finite number, correctly rounded to the nearest `Double`.
    ///
    /// Most numbers take Clinger's fast path: at most 19 significant digits `m` with `m ≤ 2^53`
    /// and a decimal exponent `|e| ≤ 22`, where `m · 10^e` is one exactly rounded
    /// multiplication or division of two exact `Double`s. The rest go to the standard library's
    /// parser. A number below the smallest `Double` rounds to zero, as `strtod` and Python's `json`
    /// round it.
    ///
    /// - Throws: ``SpecReadingError/syntax`` for text that is not a JSON number, and
    ///   ``SpecReadingError/unrepresentable(_:)`` for one beyond the largest `Double`.
    mutating func number() throws(SpecReadingError) -> Double {
        _ = peek()
        let start = offset
        let negative = offset < bytes.count && bytes[offset] == UInt8(ascii: "-")
        if negative { offset += 1 }
        var mantissa: UInt64 = 0, significant = 0, exponent = 0, exact = true
        let integerStart = offset
        while offset < bytes.count, case let digit = bytes[offset] &- UInt8(ascii: "0"), digit < 10 {
            if significant < 19 {
                mantissa = mantissa &* 10 &+ UInt64(digit)
                if mantissa != 0 { significant += 1 }
            } else {
                exponent += 1
                exact = exact && digit == 0
            }
            offset += 1
        }
        let integerDigits = offset - integerStart
        guard integerDigits > 0, integerDigits == 1 || bytes[integerStart] != UInt8(ascii: "0") else { throw .syntax }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
            offset += 1
            let fractionStart = offset
            while offset < bytes.count, case let digit = bytes[offset] &- UInt8(ascii: "0"), digit < 10 {
                if significant < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(digit)
                    if mantissa != 0 { significant += 1 }
                    exponent -= 1
                } else {
                    exact = exact && digit == 0
                }
                offset += 1
            }
            guard offset > fractionStart else { throw .syntax }
        }
        if offset < bytes.count, bytes[offset] | 0x20 == UInt8(ascii: "e") {
            offset += 1
            var exponentNegative = false
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") {
                exponentNegative = bytes[offset] == UInt8(ascii: "-")
                offset += 1
            }
            let exponentStart = offset
            var written = 0
            while offset < bytes.count, case let digit = bytes[offset] &- UInt8(ascii: "0"), digit < 10 {
                written = min(written * 10 + Int(digit), 100_000)
                offset += 1
            }
            guard offset > exponentStart else { throw .syntax }
            exponent += exponentNegative ? -written : written
        }
        if exact, mantissa <= 1 << 53, (-22...22).contains(exponent) {
            let magnitude = exponent < 0 ? Double(mantissa) / Self.powersOfTen[-exponent] : Double(mantissa) * Self.powersOfTen[exponent]
            return negative ? -magnitude : magnitude
        }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
        guard let value = Double(text) else { throw .syntax }
        guard value.isFinite else { throw .unrepresentable(text) }
        return value
    }

    /// 10^0 … 10^22, each exact in a `Double`.
    private static let powersOfTen: [Double] = (0...22).map { power in (0..<power).reduce(1.0) { product, _ in product * 10 } }
}
