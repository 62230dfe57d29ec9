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
