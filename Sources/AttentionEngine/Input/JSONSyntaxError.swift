import Foundation

/// Why a text is not valid JSON, with the parser's character offset turned into
/// a line and a column a person can find in an editor.
public struct JSONSyntaxError: Error, Sendable, CustomStringConvertible {
    /// The parser's message, such as "Invalid value around line 2, column 7."
    public let description: String
    /// The 1-based line of the error, when the parser gave a position.
    public let line: Int?
    /// The 1-based column of the error, when the parser gave a position.
    public let column: Int?

    /// Parses `data` as JSON and describes why it fails, or returns `nil` when it parses.
    public init?(validating data: Data) {
        do {
            _ = try JSONSerialization.jsonObject(with: data)
            return nil
        } catch {
            let message = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? "\(error)"
            guard let range = message.range(of: #"character (\d+)"#, options: .regularExpression),
                  let offset = Int(message[range].dropFirst("character ".count)) else {
                (description, line, column) = (message, nil, nil)
                return
            }
            let prefix = data.prefix(offset)
            let line = prefix.filter { $0 == UInt8(ascii: "\n") }.count + 1
            let column = offset - (prefix.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0) + 1
            (self.line, self.column) = (line, column)
            description = message.replacingCharacters(in: range, with: "line \(line), column \(column)")
        }
    }
}
