import Foundation

/// The `key: value` lines of a directive block, each value with where it is in the file.
///
/// Rules: blank lines are ignored; a line starting with `#` is a comment; a line
/// starting with two spaces continues the previous value (joined with a newline,
/// its leading spaces removed); every other line is `key: value`.
struct DirectiveBody {
    /// One value, and where its text is in the file (piece by piece, for continued values).
    struct Entry {
        let key: String
        /// The line of the key.
        let location: SourceLocation
        /// The value's text with the file positions of its pieces.
        var source: CheckSource

        var value: String { source.text }
    }

    let entries: [Entry]

    /// Parses the literal of a directive's code block.
    ///
    /// - Parameters:
    ///   - literal: The block's text, without the fences.
    ///   - file: The lesson file, for locations.
    ///   - firstLine: The file line of the literal's first line (one after the opening fence).
    ///   - allowedKeys: The keys this directive takes.
    ///   - directive: The directive's name, for messages.
    /// - Throws: ``LessonErrors`` with one error per malformed line or unknown key.
    init(parsing literal: String, file: String, firstLine: Int, allowedKeys: [String], directive: String) throws(LessonErrors) {
        var entries: [Entry] = []
        var errors: [LessonError] = []
        for (offset, rawLine) in literal.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(rawLine)
            let lineNumber = firstLine + offset
            if line.allSatisfy(\.isWhitespace) || line.hasPrefix("#") { continue }
            if line.hasPrefix("  ") {
                guard var last = entries.popLast() else {
                    errors.append(LessonError("a continuation line (starting with two spaces) needs a 'key: value' line before it",
                                              at: SourceLocation(file: file, line: lineNumber)))
                    continue
                }
                let indent = line.prefix(while: \.isWhitespace).count
                let text = String(line.dropFirst(indent)).trimmingCharacters(in: .whitespaces)
                let start = last.source.text.count + 1
                last.source = CheckSource(
                    text: last.source.text + "\n" + text,
                    pieces: last.source.pieces + [.init(start: start,
                                                        location: SourceLocation(file: file, line: lineNumber, column: indent + 1))])
                entries.append(last)
                continue
            }
            guard let colon = line.firstIndex(of: ":") else {
                errors.append(LessonError("expected 'key: value' in {\(directive)}, found '\(line)'",
                                          at: SourceLocation(file: file, line: lineNumber)))
                continue
            }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces)
            guard allowedKeys.contains(key) else {
                errors.append(LessonError("unknown key '\(key)' in {\(directive)}; the keys are: \(allowedKeys.joined(separator: ", "))",
                                          at: SourceLocation(file: file, line: lineNumber)))
                continue
            }
            let afterColon = line[line.index(after: colon)...]
            let leading = afterColon.prefix(while: \.isWhitespace).count
            let valueColumn = line.distance(from: line.startIndex, to: colon) + 2 + leading
            let value = afterColon.trimmingCharacters(in: .whitespaces)
            entries.append(Entry(key: key, location: SourceLocation(file: file, line: lineNumber),
                                 source: CheckSource(value, at: SourceLocation(file: file, line: lineNumber, column: valueColumn))))
        }
        guard errors.isEmpty else { throw LessonErrors(errors) }
        self.entries = entries
    }

    /// Every value of a repeatable key, in order.
    func all(_ key: String) -> [Entry] {
        entries.filter { $0.key == key }
    }

    /// The value of a key that may appear once.
    ///
    /// - Throws: ``LessonError`` at the second occurrence when the key is repeated.
    func single(_ key: String, directive: String) throws(LessonError) -> Entry? {
        let found = all(key)
        if found.count > 1 {
            throw LessonError("'\(key)' is given \(found.count) times in {\(directive)}; give it once", at: found[1].location)
        }
        return found.first
    }
}
