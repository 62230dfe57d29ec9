import AttentionEngine
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
        if let syntaxError = JSONSyntaxError(validating: data) {
            throw LessonError("malformed JSON: \(syntaxError)",
                              at: SourceLocation(file: file, line: syntaxError.line ?? 1, column: syntaxError.column))
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
}
