import Foundation

/// Why a text is not valid JSON (RFC 8259), at a line and a column a person can find in an editor.
///
/// The text is scanned here rather than the position read back out of Foundation's error
/// message, whose wording differs between Foundation implementations. The scan keeps its
/// own stack of open objects and arrays, so deep nesting cannot exhaust the call stack.
public struct JSONSyntaxError: Error, Sendable, CustomStringConvertible {
    /// What is wrong and where, such as "Invalid value around line 2, column 7."
    public let description: String
    /// The 1-based line of the error, when the text has one (invalid UTF-8 has none).
    public let line: Int?
    /// The 1-based column of the error, in characters, when the text has one.
    public let column: Int?

    /// Scans `data` as JSON and describes the first syntax error, or returns `nil` when it parses.
    ///
    /// Text that is valid JSON but that Foundation still cannot parse (a number beyond `Double`,
    /// nesting deeper than it allows) is described by Foundation's message, without a position.
    public init?(validating data: Data) {
        guard String(data: data, encoding: .utf8) != nil else {
            (description, line, column) = ("the text is not valid UTF-8", nil, nil)
            return
        }
        let bytes = [UInt8](data)
        var scanner = JSONScanner(bytes)
        guard let (offset, problem) = scanner.firstError() else {
            do {
                _ = try JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed)
                return nil
            } catch {
                let message = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
                (description, line, column) = (message ?? "\(error)", nil, nil)
                return
            }
        }
        let lineStart = bytes[..<offset].lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        let line = bytes[..<offset].filter { $0 == UInt8(ascii: "\n") }.count + 1
        // Count characters, not bytes: UTF-8 continuation bytes are 0b10xxxxxx.
        let column = bytes[lineStart..<offset].filter { $0 & 0xC0 != 0x80 }.count + 1
        (self.line, self.column) = (line, column)
        description = "\(problem) around line \(line), column \(column)."
    }
}

/// A JSON syntax checker over UTF-8 bytes that reports the offset of the first error.
private struct JSONScanner {
    private let bytes: [UInt8]
    private var offset = 0

    /// What the scanner expects next.
    private enum State {
        case value, key, afterValue
    }

    /// An open container, innermost last.
    private enum Container {
        case object, array
    }

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The byte offset of the first syntax error and what it is, or `nil` for valid JSON.
    mutating func firstError() -> (offset: Int, problem: String)? {
        var open: [Container] = []
        var state = State.value
        while true {
            skipWhitespace()
            switch state {
            case .value:
                guard let byte = current else { return (offset, "Unexpected end of text") }
                switch byte {
                case UInt8(ascii: "{"):
                    offset += 1
                    skipWhitespace()
                    if current == UInt8(ascii: "}") {
                        offset += 1
                        state = .afterValue
                    } else {
                        open.append(.object)
                        state = .key
                    }
                case UInt8(ascii: "["):
                    offset += 1
                    skipWhitespace()
                    if current == UInt8(ascii: "]") {
                        offset += 1
                        state = .afterValue
                    } else {
                        open.append(.array)
                    }
                case UInt8(ascii: "\""):
                    if let error = scanString() { return error }
                    state = .afterValue
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    if let error = scanNumber() { return error }
                    state = .afterValue
                default:
                    guard let literal = ["true", "false", "null"].first(where: { matches($0) }) else {
                        return (offset, "Invalid value")
                    }
                    offset += literal.utf8.count
                    state = .afterValue
                }
            case .key:
                guard current == UInt8(ascii: "\"") else { return (offset, current == nil ? "Unexpected end of text" : "Invalid value") }
                if let error = scanString() { return error }
                skipWhitespace()
                guard current == UInt8(ascii: ":") else { return (offset, "Expected ':' after the key") }
                offset += 1
                state = .value
            case .afterValue:
                guard let container = open.last else {
                    return current == nil ? nil : (offset, "Unexpected text after the value")
                }
                let (close, name): (UInt8, String) = container == .object ? (UInt8(ascii: "}"), "object") : (UInt8(ascii: "]"), "array")
                switch current {
                case UInt8(ascii: ","):
                    offset += 1
                    state = container == .object ? .key : .value
                case close:
                    offset += 1
                    open.removeLast()
                case nil:
                    return (offset, "Unexpected end of text")
                default:
                    return (offset, "Badly formed \(name): expected ',' or '\(Character(Unicode.Scalar(close)))'")
                }
            }
        }
    }

    private var current: UInt8? { offset < bytes.count ? bytes[offset] : nil }

    private mutating func skipWhitespace() {
        while let byte = current, [0x20, 0x09, 0x0A, 0x0D].contains(byte) { offset += 1 }
    }

    private func matches(_ literal: String) -> Bool {
        bytes.count - offset >= literal.utf8.count && bytes[offset..<(offset + literal.utf8.count)].elementsEqual(literal.utf8)
    }

    /// Scans a string starting at its opening quote.
    private mutating func scanString() -> (offset: Int, problem: String)? {
        offset += 1
        while let byte = current {
            switch byte {
            case UInt8(ascii: "\""):
                offset += 1
                return nil
            case UInt8(ascii: "\\"):
                offset += 1
                guard let escaped = current else { break }
                if escaped == UInt8(ascii: "u") {
                    let digits = bytes[(offset + 1)..<min(offset + 5, bytes.count)]
                    guard digits.count == 4, digits.allSatisfy({ Character(Unicode.Scalar($0)).isHexDigit }) else {
                        return (offset, "Invalid \\u escape")
                    }
                    offset += 5
                } else {
                    guard Array(#""\/bfnrt"#.utf8).contains(escaped) else { return (offset, "Invalid escape") }
                    offset += 1
                }
            case 0..<0x20:
                return (offset, "Unescaped control character in a string")
            default:
                offset += 1
            }
        }
        return (offset, "Unterminated string")
    }

    /// Scans `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    private mutating func scanNumber() -> (offset: Int, problem: String)? {
        func digits() -> Int {
            let start = offset
            while let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { offset += 1 }
            return offset - start
        }
        if current == UInt8(ascii: "-") { offset += 1 }
        let integer = offset
        guard digits() > 0 else { return (offset, "Invalid number") }
        if bytes[integer] == UInt8(ascii: "0"), offset - integer > 1 { return (integer, "Invalid number: a leading zero") }
        if current == UInt8(ascii: ".") {
            offset += 1
            guard digits() > 0 else { return (offset, "Invalid number") }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            offset += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { offset += 1 }
            guard digits() > 0 else { return (offset, "Invalid number") }
        }
        return nil
    }
}
