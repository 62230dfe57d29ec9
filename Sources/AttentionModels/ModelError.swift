/// Why a model could not be read or could not read a sentence.
public enum ModelError: Error, Equatable, CustomStringConvertible {
    /// A sentence holds a word the model's vocabulary does not; `suggestions` are the closest known words.
    case unknownWord(String, side: String, suggestions: [String])
    /// A checkpoint lacks what a model needs, or holds it in the wrong form.
    case invalidCheckpoint(String)

    public var description: String {
        switch self {
        case let .unknownWord(word, side, suggestions):
            "the \(side) word '\(word)' is not in the model's vocabulary"
                + (suggestions.isEmpty ? "" : "; closest known: \(suggestions.map { "'\($0)'" }.joined(separator: ", "))")
        case let .invalidCheckpoint(reason):
            "invalid checkpoint: \(reason)"
        }
    }
}
