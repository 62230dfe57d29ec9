/// A grammar file that cannot be read, or a sentence the grammar cannot derive.
///
/// The description is one line: the file and line when there are some, then what was wrong,
/// as in `grammar.txt:12: a noun has no key 'gendr' (did you mean 'gender'?)`.
public struct GrammarError: Error, CustomStringConvertible, Hashable, Sendable {
    /// The grammar file, as its URL's path was given, or `nil` for a sentence to translate.
    public var file: String?
    /// The 1-based line of the file, or `nil` for a fact about the whole file.
    public var line: Int?
    /// What was wrong.
    public var message: String

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - file: The grammar file, if the error is in one.
    ///   - line: The 1-based line, if the error is on one.
    ///   - message: What was wrong, starting in lower case.
    public init(file: String? = nil, line: Int? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message`, leaving out what is unknown.
    public var description: String {
        let location = [file, line.map(String.init)].compactMap { $0 }.joined(separator: ":")
        return location.isEmpty ? message : "\(location): \(message)"
    }
}
