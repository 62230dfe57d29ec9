/// One option of ``MechanismOptions``, by the name a spec and the trace's `options` use.
///
/// Each option knows how to read its value from a set of options and how to check it
/// on its own; which variants take it is declared by the variants.
public enum MechanismOption: String, CaseIterable, Sendable {
    /// The number of heads.
    case heads
    /// The half-width D of a local window.
    case window
    /// Whether future positions are masked.
    case causal
    /// The score function of global and local attention.
    case score

    /// What the option means, for help texts and documentation.
    public var summary: String {
        switch self {
        case .heads: "the number of heads h; each uses d_model / h columns"
        case .window: "the half-width D of a local window"
        case .causal: "whether position i may only attend to positions j ≤ i"
        case .score: "the score function: dot, general or concat"
        }
    }

    /// The option's value in `options` as text (`"2"`, `"true"`, `"concat"`), or `nil` when it is not set.
    public func value(in options: MechanismOptions) -> String? {
        switch self {
        case .heads: options.heads.map(String.init)
        case .window: options.window.map(String.init)
        case .causal: options.causal.map(String.init)
        case .score: options.score?.rawValue
        }
    }

    /// `options` with this option unset.
    func removed(from options: MechanismOptions) -> MechanismOptions {
        var options = options
        switch self {
        case .heads: options.heads = nil
        case .window: options.window = nil
        case .causal: options.causal = nil
        case .score: options.score = nil
        }
        return options
    }

    /// Checks the option's value in `options` on its own, whatever the variant.
    ///
    /// - Throws: ``TraceError/invalidOption(_:value:reason:)`` for a value the option cannot take.
    func validate(in options: MechanismOptions) throws(TraceError) {
        switch self {
        case .heads:
            if let heads = options.heads, heads < 1 {
                throw .invalidOption(self, value: String(heads), reason: "heads must be at least 1, got \(heads)")
            }
        case .window:
            if let window = options.window, window < 0 {
                throw .invalidOption(self, value: String(window),
                                     reason: "window must be 0 or more (the half-width D of the local window), got \(window)")
            }
        case .causal:
            break
        case .score:
            if let score = options.score, !ScoreFunction.selectable.contains(score) {
                throw .invalidOption(self, value: score.rawValue, reason: ScoreFunction.unknownMessage(score.rawValue))
            }
        }
    }
}
