import AttentionTrace

/// Everything that determines a trace: the mechanism, its input, the parameters and the seed.
public struct TraceRequest: Sendable {
    /// The seed used when none is given.
    public static let defaultSeed: UInt64 = 42
    /// The variant traced when neither the request nor its spec names one.
    public static let defaultVariant = Variant.additive

    /// The mechanism to trace; `nil` to use the spec's, or ``defaultVariant``.
    public var variant: Variant?
    /// The source sentence, if the input is a sentence.
    public var source: String?
    /// The target sentence, for mechanisms with a target side.
    public var target: String?
    /// Numbers to use instead of (or besides) sentences.
    public var spec: InputSpec?
    /// The seed for every tensor not given, when the parameters are seeded.
    public var seed: UInt64
    /// Where the parameters come from: the shipped model where it applies (the default), seeded, or a model.
    public var parameters: ParameterChoice
    /// Options that override the spec's.
    public var options: MechanismOptions
    /// The most memory, in bytes, the trace may need (see ``TraceSizeEstimate``).
    public var memoryLimit: Int

    /// Which numbers the trace keeps: ``RecordingPolicy/bounded`` unless every number is asked for.
    public var recording: RecordingPolicy
    /// The memory limit used when none is given: 4 GB.
    public static let defaultMemoryLimit = 4_000_000_000

    /// Creates a request.
    public init(variant: Variant? = nil, source: String? = nil, target: String? = nil, spec: InputSpec? = nil,
                seed: UInt64 = TraceRequest.defaultSeed, parameters: ParameterChoice = .automatic,
                options: MechanismOptions = .init(),
                memoryLimit: Int = TraceRequest.defaultMemoryLimit, recording: RecordingPolicy = .bounded) {
        self.variant = variant
        self.source = source
        self.target = target
        self.spec = spec
        self.seed = seed
        self.parameters = parameters
        self.options = options
        self.memoryLimit = memoryLimit
        self.recording = recording
    }
}
