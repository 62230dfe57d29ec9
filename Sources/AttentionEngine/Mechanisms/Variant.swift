import AttentionModels
/// An attention mechanism attention-trace can trace, by name.
///
/// Each variant is declared once, in its mechanism's folder (`Variant.additive`,
/// `Variant.multiHead`), and listed in ``registered``; its facts (summary, sides,
/// options, tensors) come from that declaration. Names are matched without regard
/// to case.
public struct Variant: Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// Every variant, in the order `variants` lists them and the docs index documents them.
    public static let registered: [Variant] = [
        .additive, .dot, .general, .scaledDot, .concat, .global, .localM, .localP,
        .selfAttention, .causal, .multiHead, .cross, .coAttention, .flash, .kvCache,
    ]

    /// Every variant (``registered``).
    public static var allCases: [Variant] { registered }

    /// The mechanism that holds the variant's facts.
    let mechanism: any Mechanism

    /// Declares the variant of `mechanism`; each variant's folder does this once.
    init(_ mechanism: any Mechanism) {
        self.mechanism = mechanism
    }

    /// The registered variant called `name`, ignoring case, or `nil`.
    public init?(rawValue name: String) {
        guard let variant = Self.registered.first(where: { $0.rawValue.lowercased() == name.lowercased() }) else {
            return nil
        }
        self = variant
    }

    /// The registered variant called `name`, ignoring case.
    ///
    /// - Throws: ``TraceError/unknownVariant(_:)``, which suggests the closest name.
    public init(named name: String) throws(TraceError) {
        guard let variant = Variant(rawValue: name) else { throw .unknownVariant(name) }
        self = variant
    }

    /// The name, as users write it and traces record it: `multi-head`.
    public var rawValue: String { mechanism.name }

    public var description: String { rawValue }

    /// One line saying what the mechanism does and where it comes from.
    public var summary: String { mechanism.summary }

    /// The sentences the variant reads.
    public var sides: Sides { mechanism.sides }

    /// Whether the variant traces a trained model when one is in force (`additive`), rather than
    /// seeded parameters only.
    public var tracesModels: Bool { mechanism.tracesModels }
    /// The score of the trained models the variant traces, or `nil` when it traces none.
    public var tracedScore: ModelConfiguration.Score? { mechanism.tracedScore }

    /// The variant that traces trained models of `score`: `additive`, `general` or `dot`.
    public static func tracing(_ score: ModelConfiguration.Score) -> Variant? {
        registered.first { $0.tracedScore == score }
    }

    /// Whether the variant traces a trained model of `configuration`: `additive`, `general` and
    /// `dot` global models of their score, `local-m` and `local-p` models of their window with any score.
    public func traces(_ configuration: ModelConfiguration) -> Bool { mechanism.traces(configuration) }

    /// The variant that traces trained models of `configuration`.
    public static func tracing(_ configuration: ModelConfiguration) -> Variant? {
        registered.first { $0.traces(configuration) }
    }

    /// The options a request or a spec may set for the variant.
    public var options: [MechanismOption] { mechanism.options }

    /// The option values the variant's name fixes, such as `causal = true` for `causal`.
    public var impliedOptions: MechanismOptions { mechanism.impliedOptions }

    /// The tensors the variant reads when the options in force are `options` (with the
    /// mechanism's defaults for the rest, as a spec without tensors gets them).
    public func tensors(under options: MechanismOptions = .init()) -> [TensorRole] {
        let withoutTensors = TensorSource(given: [:], generator: ParameterGenerator(seed: TraceRequest.defaultSeed))
        return mechanism.tensors(under: mechanism.resolved(options, tensors: withoutTensors).overridden(by: impliedOptions))
    }

    public static func == (lhs: Variant, rhs: Variant) -> Bool {
        lhs.rawValue == rhs.rawValue
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(rawValue)
    }

    /// What the variant attends with and over, which decides the sentences it needs.
    public enum Sides: Sendable {
        /// Decoder states (from the target) attend over annotations (from the source).
        case decoderOverSource
        /// The source attends over itself; a target does not apply.
        case sourceOnly
        /// Both sentences, in their own roles.
        case sourceAndTarget
    }
}
