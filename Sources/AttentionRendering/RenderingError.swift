import AttentionJSON
import AttentionMarkdown
import AttentionTrace

/// Why a trace could not be rendered.
///
/// Traces built by the engine are always consistent; these errors describe
/// traces decoded from JSON that was edited or produced elsewhere.
public enum RenderingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A step tensor whose shape, axes and labels disagree.
    case inconsistentTensor(id: TensorID, reason: String)
    /// The trace holds a value JSON cannot represent, such as `+∞` or NaN.
    case unencodable(path: String, reason: String)
    /// Traces that cannot be shown side by side: `variant` has no target × source
    /// weights, or was traced on other tokens than the first.
    case incomparable(variant: String, reason: String)
    /// A document whose text for cmark (everything but the large raw HTML blocks,
    /// which are added after cmark has run) exceeds `limit` bytes; cmark aborts
    /// the process rather than grow a buffer past 1 GB.
    case documentTooLarge(bytes: Int, limit: Int)

    /// A message naming the tensor or value and what is wrong with it.
    public var description: String {
        switch self {
        case .inconsistentTensor(let id, let reason):
            "tensor \(id): \(reason)"
        case .unencodable(let path, let reason):
            UnencodableValue(path: path, reason: reason).description
        case .incomparable(let variant, let reason):
            variant.isEmpty ? "cannot compare: \(reason)" : "cannot compare variant '\(variant)': \(reason)"
        case .documentTooLarge(let bytes, let limit):
            MarkdownError.documentTooLarge(bytes: bytes, limit: limit).description
        }
    }
}

extension RenderingError {
    /// The rendering error for a value the JSON writer could not encode.
    init(_ error: UnencodableValue) {
        self = .unencodable(path: error.path, reason: error.reason)
    }

    /// The rendering error for a document cmark could not render.
    init(_ error: MarkdownError) {
        switch error {
        case .documentTooLarge(let bytes, let limit): self = .documentTooLarge(bytes: bytes, limit: limit)
        }
    }
}
