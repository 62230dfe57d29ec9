/// Why training, or reading a model, could not go on.
public enum TrainingError: Error, Equatable, CustomStringConvertible {
    /// A sentence holds a word the model's vocabulary does not.
    case unknownWord(String, side: String, suggestion: String?)
    /// An option is outside its range.
    case invalidOption(name: String, value: String, reason: String)
    /// The corpus cannot be trained on.
    case invalidCorpus(String)
    /// A checkpoint lacks what a model needs, or holds it in the wrong form.
    case invalidCheckpoint(String)
    /// The loss stopped being a finite number.
    case nonFiniteLoss(step: Int, epoch: Int)

    /// The error as one line, for a command to print after `Error: `.
    public var description: String {
        switch self {
        case let .unknownWord(word, side, suggestion):
            "the \(side) word '\(word)' is not in the model's vocabulary" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
        case let .invalidOption(name, value, reason):
            "--\(name) \(value): \(reason)"
        case let .invalidCorpus(reason):
            "invalid corpus: \(reason)"
        case let .invalidCheckpoint(reason):
            "invalid checkpoint: \(reason)"
        case let .nonFiniteLoss(step, epoch):
            "the loss became NaN or infinite at step \(step) (epoch \(epoch)); training stopped, the last good checkpoint is kept"
        }
    }
}
