/// Why a model could not be read or could not read a sentence.
public enum ModelError: Error, Equatable, CustomStringConvertible {
    /// A sentence holds a word the model's vocabulary does not; `suggestion` is the closest known one.
    case unknownWord(String, side: String, suggestion: String?)
    /// A checkpoint lacks what a model needs, or holds it in the wrong form.
    case invalidCheckpoint(String)

    /// The error as one line, for a command to print after `Error: `.
    public var description: String {
        switch self {
        case let .unknownWord(word, side, suggestion):
            "the \(side) word '\(word)' is not in the model's vocabulary" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
        case let .invalidCheckpoint(reason):
            "invalid checkpoint: \(reason)"
        }
    }
}
