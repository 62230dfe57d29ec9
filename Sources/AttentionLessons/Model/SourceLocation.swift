/// A place in a lesson file: the file as it was named, a 1-based line and, where known, a 1-based column.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The file's path as given (`Lessons/03-additive.md`), or a description such as `check 1 of exercise 'hier'`.
    public var file: String
    /// The 1-based line.
    public var line: Int
    /// The 1-based column, counted in characters, or `nil` when the whole line is meant.
    public var column: Int?

    /// Creates a location.
    public init(file: String, line: Int, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line` or `file:line:column`.
    public var description: String {
        column.map { "\(file):\(line):\($0)" } ?? "\(file):\(line)"
    }
}
