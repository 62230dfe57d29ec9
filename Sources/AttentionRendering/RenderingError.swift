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

    /// A message naming the tensor or value and what is wrong with it.
    public var description: String {
        switch self {
        case .inconsistentTensor(let id, let reason):
            "tensor \(id): \(reason)"
        case .unencodable(let path, let reason):
            "cannot encode \(path.isEmpty ? "the trace" : path) as JSON: \(reason)"
        case .incomparable(let variant, let reason):
            variant.isEmpty ? "cannot compare: \(reason)" : "cannot compare variant '\(variant)': \(reason)"
        }
    }
}
