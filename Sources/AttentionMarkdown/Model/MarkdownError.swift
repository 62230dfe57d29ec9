/// Why a ``Document`` could not be rendered.
public enum MarkdownError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A document whose text for cmark (everything but the large raw HTML blocks,
    /// which are added after cmark has run) exceeds `limit` bytes; cmark aborts
    /// the process rather than grow a buffer past 1 GB.
    case documentTooLarge(bytes: Int, limit: Int)

    /// A message saying how large the document is and what the limit is.
    public var description: String {
        switch self {
        case .documentTooLarge(let bytes, let limit):
            "the document would be \(bytes / 1_000_000) MB of text for cmark, more than the \(limit / 1_000_000) MB it can render safely"
        }
    }
}

/// CommonMark text nested deeper than ``Document/deepestNesting`` blocks and inlines,
/// such as thousands of `>` quote markers, refused so that nothing that walks the
/// document recursively can run out of stack.
public struct NestingTooDeep: Error, Hashable, Sendable, CustomStringConvertible {
    /// The 1-based source line of the node that is one level too deep.
    public var line: Int
    /// The deepest nesting allowed.
    public var limit: Int

    /// Creates the error for the node at `line`.
    public init(line: Int, limit: Int) {
        self.line = line
        self.limit = limit
    }

    /// A message saying how deep the text may nest.
    public var description: String {
        "the Markdown nests more than \(limit) levels deep (lists, quotes, emphasis and links inside each other)"
    }
}
