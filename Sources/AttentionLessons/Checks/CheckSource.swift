import Foundation

/// The text of one check expression and where each of its characters is in the lesson file.
///
/// A check may continue over several lines of a directive (each continuation
/// joined with a newline), so offsets into the text map back to lines and
/// columns piece by piece.
struct CheckSource: Sendable {
    /// A run of the text that sits on one line of the file.
    struct Piece: Sendable {
        /// The character offset in ``CheckSource/text`` where the piece starts.
        var start: Int
        /// Where the piece's first character is in the file.
        var location: SourceLocation
    }

    /// The expression, continuation lines joined with `\n`.
    let text: String
    /// The pieces in order; the first starts at offset 0.
    let pieces: [Piece]

    /// A source that is one line starting at `location`.
    init(_ text: String, at location: SourceLocation) {
        self.init(text: text, pieces: [Piece(start: 0, location: location)])
    }

    init(text: String, pieces: [Piece]) {
        self.text = text
        self.pieces = pieces
    }

    /// The file location of character `offset` (the end of the text maps one past its last character).
    func location(at offset: Int) -> SourceLocation {
        guard let piece = pieces.last(where: { $0.start <= offset }) ?? pieces.first else {
            return SourceLocation(file: "check", line: 1, column: offset + 1)
        }
        var location = piece.location
        location.column = (location.column ?? 1) + offset - piece.start
        return location
    }

    /// The characters in `range`, for quoting a sub-expression in a message.
    func excerpt(_ range: Range<Int>) -> String {
        let characters = Array(text)
        let clamped = range.clamped(to: 0..<characters.count)
        return String(characters[clamped]).split(whereSeparator: \.isNewline).map {
            $0.trimmingCharacters(in: .whitespaces)
        }.joined(separator: " ")
    }

    /// An error at character `offset`.
    func error(_ message: String, at offset: Int) -> LessonError {
        LessonError(message, at: location(at: offset))
    }
}
