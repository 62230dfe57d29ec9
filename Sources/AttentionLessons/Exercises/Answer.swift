import Foundation

/// An answer to an exercise: the instructor's, or a student's.
///
/// In JSON an answer is a string, a number, or a list of answers.
public enum Answer: Hashable, Sendable, Codable, CustomStringConvertible {
    case number(Double)
    case string(String)
    case list([Answer])

    /// Reads an answer as a lesson writes it after `answer:`.
    ///
    /// A list such as `[7, 6]` or `["zoo", "hier"]` is a list, a number such as
    /// `0.41` or `-2` is a number, and anything else is a string, without the
    /// surrounding double quotes if it has them (`"zoo"` and `zoo` are the same).
    public init(lessonText text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let parsed = try? Parser.parse(CheckSource(trimmed, at: SourceLocation(file: "answer", line: 1, column: 1))),
           let literal = Answer(literal: parsed) {
            self = literal
        } else if trimmed.count >= 2, trimmed.hasPrefix("\""), trimmed.hasSuffix("\"") {
            self = .string(String(trimmed.dropFirst().dropLast()))
        } else {
            self = .string(trimmed)
        }
    }

    private init?(literal expression: Expression) {
        switch expression.kind {
        case .number(let value): self = .number(value)
        case .string(let text): self = .string(text)
        case .list(let items):
            var answers: [Answer] = []
            for item in items {
                guard let answer = Answer(literal: item) else { return nil }
                answers.append(answer)
            }
            self = .list(answers)
        default: return nil
        }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let items = try? container.decode([Answer].self) {
            self = .list(items)
        } else {
            throw DecodingError.dataCorruptedError(in: container,
                                                   debugDescription: "an answer is a string, a number or a list")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let number): try container.encode(number)
        case .string(let text): try container.encode(text)
        case .list(let items): try container.encode(items)
        }
    }

    /// The answer as a message shows it: `'zoo'`, `0.41`, `[7, 6]`.
    public var description: String { value.formatted() }

    /// The answer as a check sees it.
    var value: Value {
        switch self {
        case .number(let number): .number(number)
        case .string(let text): .string(text)
        case .list(let items): .list(items.map(\.value))
        }
    }
}
