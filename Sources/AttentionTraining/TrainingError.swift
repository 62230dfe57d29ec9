/// Why training, or reading a model, could not go on.
public enum TrainingError: Error, Equatable, CustomStringConvertible {
    /// A sentence holds a word the model's vocabulary does not.
    case unknownWord(String, side: String, suggestions: [String])
    /// An option is outside its range.
    case invalidOption(name: String, value: String, reason: String)
    /// The corpus cannot be trained on.
    case invalidCorpus(String)
    /// A checkpoint lacks what a model needs, or holds it in the wrong form.
    case invalidCheckpoint(String)
    /// The loss stopped being a finite number.
    case nonFiniteLoss(step: Int, epoch: Int)

    public var description: String {
        switch self {
        case let .unknownWord(word, side, suggestions):
            "the \(side) word '\(word)' is not in the model's vocabulary"
                + (suggestions.isEmpty ? "" : "; closest known: \(suggestions.map { "'\($0)'" }.joined(separator: ", "))")
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
