import AttentionEngine
import Foundation

/// A student's answers file: a JSON object mapping exercise ids to answers (a string, a number
/// or a list of them).
///
/// An entry whose value is not an answer (`null`, `true`, an object) does not stop the others
/// from being read: it is kept in ``problems`` so that grading can record it and go on.
public struct AnswersFile: Sendable {
    /// An entry whose value is not an answer.
    public struct Problem: Sendable, Hashable {
        /// The exercise id the entry names.
        public let id: String
        /// The 1-based line of its key, when it can be found.
        public let line: Int?
        /// What is wrong: "the answer is null; an answer is a string, a number or a list of them".
        public let message: String
    }

    /// The file's path, for messages.
    public let file: String
    /// The answers that could be read, by exercise id.
    public let answers: [String: Answer]
    /// The entries that could not, in the order of their ids.
    public let problems: [Problem]
    private let lines: [String: Int]

    /// Reads an answers file.
    ///
    /// - Parameters:
    ///   - data: The file's contents.
    ///   - file: Its path, for messages.
    /// - Throws: ``LessonError`` at the line and column of a JSON syntax error, or when the
    ///   file is not a JSON object.
    public init(json data: Data, file: String) throws(LessonError) {
        if let syntaxError = JSONSyntaxError(validating: data) {
            throw LessonError("malformed JSON: \(syntaxError)",
                              at: SourceLocation(file: file, line: syntaxError.line ?? 1, column: syntaxError.column))
        }
        let entries: [String: Entry]
        do {
            entries = try JSONDecoder().decode([String: Entry].self, from: data)
        } catch {
            throw LessonError("the answers must be a JSON object mapping exercise ids to answers",
                              at: SourceLocation(file: file, line: 1, column: 1))
        }
        let text = String(decoding: data, as: UTF8.self)
        var answers: [String: Answer] = [:]
        var problems: [Problem] = []
        var lines: [String: Int] = [:]
        for (id, entry) in entries.sorted(by: { $0.key < $1.key }) {
            lines[id] = Self.line(ofKey: id, in: text)
            switch entry {
            case .answer(let answer): answers[id] = answer
            case .notAnAnswer(let found):
                problems.append(Problem(id: id, line: lines[id],
                                        message: "the answer is \(found); an answer is a string, a number or a list of them"))
            }
        }
        self.file = file
        self.answers = answers
        self.problems = problems
        self.lines = lines
    }

    /// The 1-based line of the entry for `id`, when it can be found.
    public func line(of id: String) -> Int? { lines[id] }

    /// Every id the file names, readable or not.
    public var ids: [String] { lines.keys.sorted() }

    /// One value of the object: an answer, or what was found instead.
    private enum Entry: Decodable {
        case answer(Answer)
        case notAnAnswer(String)

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let answer = try? container.decode(Answer.self) {
                self = .answer(answer)
            } else if container.decodeNil() {
                self = .notAnAnswer("null")
            } else if let flag = try? container.decode(Bool.self) {
                self = .notAnAnswer(String(flag))
            } else if (try? container.decode([String: Entry].self)) != nil {
                self = .notAnAnswer("an object")
            } else {
                self = .notAnAnswer("a list holding something that is not an answer")
            }
        }
    }

    /// The line of the first `"key":` in `text`.
    private static func line(ofKey key: String, in text: String) -> Int? {
        let quoted = "\"" + key.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        var searchStart = text.startIndex
        while let range = text.range(of: quoted, range: searchStart..<text.endIndex) {
            let rest = text[range.upperBound...].drop(while: \.isWhitespace)
            if rest.first == ":" {
                return text[..<range.lowerBound].reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
            }
            searchStart = range.upperBound
        }
        return nil
    }
}
