/// The complete record of one attention computation: plain, Codable data.
///
/// A trace is what the engine produces and what every renderer and lesson
/// consumes. It holds the tensors the mechanism read (``inputs``, by their
/// canonical names), every intermediate in order (``steps``), any
/// ``warnings``, and the ``result``. Its JSON form is specified in
/// `Docs/trace-format.md`.
public struct Trace: Codable, Hashable, Sendable {
    /// The version of the JSON layout.
    public static let currentSchema = 3

    /// The JSON layout version, ``currentSchema`` for traces made by this build.
    public var schema: Int
    /// The mechanism, such as `additive`.
    public var variant: String
    /// The source tokens as typed (their original spelling), if the trace came from a sentence or a spec that named them.
    public var sourceTokens: [String]?
    /// The target tokens as typed, where the variant has a target side.
    public var targetTokens: [String]?
    /// The options in effect, such as `seed`, `score`, `heads` and `window`, as display strings.
    public var options: [String: String]
    /// Every tensor the mechanism used, given or generated, by its canonical name.
    public var inputs: [String: Tensor]
    /// Every step, in the order it was computed.
    public var steps: [Step]
    /// Things a reader must know, such as a row whose every score was masked.
    public var warnings: [String]
    /// The outputs under their canonical names: `weights` and `context`, or `output`, and so on,
    /// each with the step tensors it repeats, its axes, and its numbers or (when the
    /// ``recording`` policy does not keep that many) their summary.
    public var result: [String: TraceResult]
    /// Which numbers the trace keeps: every one, or tensors up to a size in full and larger ones as summaries.
    public var recording: RecordingPolicy

    /// Creates a trace.
    public init(variant: String, sourceTokens: [String]? = nil, targetTokens: [String]? = nil,
                options: [String: String] = [:], inputs: [String: Tensor], steps: [Step],
                warnings: [String] = [], result: [String: TraceResult], recording: RecordingPolicy = .full) {
        self.schema = Trace.currentSchema
        self.variant = variant
        self.sourceTokens = sourceTokens
        self.targetTokens = targetTokens
        self.options = options
        self.inputs = inputs
        self.steps = steps
        self.warnings = warnings
        self.result = result
        self.recording = recording
    }

    /// The recorded tensor with identifier `id`, searching every step.
    ///
    /// - Complexity: O(number of tensors in the trace).
    public func tensor(_ id: TensorID) -> TracedTensor? {
        for step in steps {
            if let tensor = step.tensors.first(where: { $0.id == id }) { return tensor }
        }
        return nil
    }
}
