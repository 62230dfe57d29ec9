import Foundation

extension Answer {
    /// Reads an answers file: a JSON object mapping exercise ids to answers (a string, a number or a list).
    ///
    /// - Parameters:
    ///   - data: The file's contents.
    ///   - file: Its path, for messages.
    /// - Throws: ``LessonError`` at the line and column of a JSON syntax error, or naming
    ///   the exercise whose answer is not a string, number or list.
    public static func answers(json data: Data, file: String) throws(LessonError) -> [String: Answer] {
        do {
            _ = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw syntaxError(error, in: data, file: file)
        }
        do {
            return try JSONDecoder().decode([String: Answer].self, from: data)
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.dataCorrupted(context) {
            guard let id = context.codingPath.first?.stringValue else {
                throw LessonError("the answers must be a JSON object mapping exercise ids to answers",
                                  at: SourceLocation(file: file, line: 1, column: 1))
            }
            throw LessonError("the answer to '\(id)' must be a string, a number or a list of them",
                              at: SourceLocation(file: file, line: 1))
        } catch {
            throw LessonError("cannot read the answers: \(error)", at: SourceLocation(file: file, line: 1))
        }
    }

    /// The JSON parser's message with its character offset turned into a line and column.
    private static func syntaxError(_ error: Error, in data: Data, file: String) -> LessonError {
        let message = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? "\(error)"
        guard let range = message.range(of: #"character (\d+)"#, options: .regularExpression),
              let offset = Int(message[range].dropFirst("character ".count)) else {
            return LessonError("malformed JSON: \(message)", at: SourceLocation(file: file, line: 1))
        }
        let prefix = data.prefix(offset)
        let line = prefix.filter { $0 == UInt8(ascii: "\n") }.count + 1
        let column = offset - (prefix.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0) + 1
        return LessonError("malformed JSON: \(message.replacingCharacters(in: range, with: "line \(line), column \(column)"))",
                           at: SourceLocation(file: file, line: line, column: column))
    }
}
