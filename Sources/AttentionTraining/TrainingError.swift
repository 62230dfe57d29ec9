/// Why training could not go on. (A model's own errors, an unknown word or a malformed
/// checkpoint, are `AttentionModels`' ``ModelError``.)
public enum TrainingError: Error, Equatable, CustomStringConvertible {
    /// An option is outside its range.
    case invalidOption(name: String, value: String, reason: String)
    /// The corpus cannot be trained on.
    case invalidCorpus(String)
    /// The loss stopped being a finite number.
    case nonFiniteLoss(step: Int, epoch: Int)
    /// A `--probe` sentence pair cannot be recorded.
    case invalidProbe(String, reason: String)

    /// The error as one line, for a command to print after `Error: `.
    public var description: String {
        switch self {
        case let .invalidOption(name, value, reason):
            "--\(name) \(value): \(reason)"
        case let .invalidCorpus(reason):
            "invalid corpus: \(reason)"
        case let .nonFiniteLoss(step, epoch):
            "the loss became NaN or infinite at step \(step) (epoch \(epoch)); training stopped, the last good checkpoint is kept"
        case let .invalidProbe(probe, reason):
            "--probe '\(probe)': \(reason)"
        }
    }
}
