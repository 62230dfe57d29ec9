/// A problem in a lesson that stops it from being built or checked, with where it is.
///
/// ``description`` is the one line a command prints: `Lessons/03-additive.md:42:7: message`.
public struct LessonError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Where the problem is.
    public var location: SourceLocation
    /// What is wrong, and where possible what would be right.
    public var message: String

    /// Creates an error.
    public init(_ message: String, at location: SourceLocation) {
        self.location = location
        self.message = message
    }

    /// `file:line[:column]: message`.
    public var description: String { "\(location): \(message)" }
}

/// Several lesson errors found in one pass, so an instructor can fix them all at once.
public struct LessonErrors: Error, Sendable, CustomStringConvertible {
    /// The errors in the order they were found (file by file, top to bottom).
    public var errors: [LessonError]

    /// Creates the collection.
    public init(_ errors: [LessonError]) {
        self.errors = errors
    }

    /// One error per line.
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
