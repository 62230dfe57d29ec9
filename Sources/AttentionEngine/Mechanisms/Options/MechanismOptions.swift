/// The options that tune a mechanism: a score function, a head count, a window or a mask.
///
/// Each is `nil` when not set. A request's options override a spec's; which of them
/// a variant takes, and which values its name already fixes, is declared by the variant
/// (see ``Variant/options`` and ``Variant/impliedOptions``), and ``MechanismOption``
/// validates each value on its own.
public struct MechanismOptions: Sendable, Equatable {
    /// The number of heads, for multi-head and cross attention.
    public var heads: Int?
    /// The half-width D of a local window.
    public var window: Int?
    /// Whether to mask future positions.
    public var causal: Bool?
    /// The score function of global and local attention.
    public var score: ScoreFunction?

    /// Creates options; `nil` means "not set".
    public init(heads: Int? = nil, window: Int? = nil, causal: Bool? = nil, score: ScoreFunction? = nil) {
        self.heads = heads
        self.window = window
        self.causal = causal
        self.score = score
    }

    /// These options with every option `other` sets replaced by its value there.
    func overridden(by other: MechanismOptions) -> MechanismOptions {
        MechanismOptions(heads: other.heads ?? heads, window: other.window ?? window, causal: other.causal ?? causal,
                         score: other.score ?? score)
    }

    /// The options that are set, in declaration order.
    var setOptions: [MechanismOption] {
        MechanismOption.allCases.filter { $0.value(in: self) != nil }
    }

    /// The set options as a trace records them, such as `["heads": "2"]`.
    var recorded: [String: String] {
        Dictionary(uniqueKeysWithValues: MechanismOption.allCases.compactMap { option in
            option.value(in: self).map { (option.rawValue, $0) }
        })
    }
}
