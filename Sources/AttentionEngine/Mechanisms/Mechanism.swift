import AttentionModels
import AttentionTrace

/// One attention mechanism: every fact about a variant, declared in one place.
///
/// A mechanism says what it is (``name``, ``summary``), which sentences it reads
/// (``sides``), which options it takes and which values its name already fixes,
/// which tensors it reads under the options in force, how much memory its trace
/// needs, and how to trace it. The tracer, the `variants` command, the option and
/// tensor checks and the memory estimate all read these facts from here.
///
/// Each variant lives in a folder of its own under `Mechanisms/`, where an
/// extension of ``Variant`` declares it (`static let dot = Variant(AlignmentMechanism(…))`),
/// and ``Variant/registered`` lists it. Families share one conforming type
/// parameterised by what differs (``AlignmentMechanism`` by its score and window,
/// ``DotProductMechanism`` by its heads, mask and sources); the machinery they share
/// (``AlignmentLoop``, ``DotProductAttention``) stays shared.
protocol Mechanism: Sendable {
    /// The variant's name, as users write it: `additive`, `multi-head`.
    var name: String { get }
    /// One line saying what the mechanism does and where it comes from.
    var summary: String { get }
    /// The sentences the mechanism reads.
    var sides: Variant.Sides { get }
    /// The options a request or a spec may set.
    var options: [MechanismOption] { get }
    /// The option values the variant's name fixes (`causal` masks, `dot` scores with the dot
    /// product): restating one is accepted, contradicting it is refused.
    var impliedOptions: MechanismOptions { get }
    /// The score of the trained RNNsearch models the mechanism traces when one is in force
    /// (`additive` traces additive models, `general` and `dot` Luong's), or `nil` for seeded
    /// parameters only.
    var tracedScore: ModelConfiguration.Score? { get }

    /// Whether the mechanism traces a trained RNNsearch model of `configuration`'s score and window.
    func traces(_ configuration: ModelConfiguration) -> Bool

    /// `options` (already checked against ``options``) with the defaults the mechanism
    /// chooses filled in: what the trace records and the mechanism computes with,
    /// besides ``impliedOptions``.
    func resolved(_ options: MechanismOptions, tensors: TensorSource) -> MechanismOptions

    /// Checks what only this mechanism requires of the options in force (resolved and implied),
    /// beyond each option's own validation (``MechanismOption``), before anything is computed.
    ///
    /// - Throws: ``TraceError/invalidOption(_:value:reason:)``.
    func validate(_ options: MechanismOptions) throws(TraceError)

    /// The tensors the mechanism reads under `options` (resolved and implied), in the order they are documented.
    func tensors(under options: MechanismOptions) -> [TensorRole]

    /// The memory the trace of `input` needs, estimated before anything is computed.
    func sizeEstimate(of input: ResolvedInput, policy: RecordingPolicy) -> TraceSizeEstimate

    /// Records every step of the mechanism on `input` and its results into `recorder`.
    ///
    /// Every given tensor's shape is checked against the options in force and the other tensors
    /// before it takes part in a computation, so a mismatch is an error naming the tensor, never a
    /// failed precondition in the matrix code. (Zero extents and tensors the mechanism does not
    /// read never get here: the tracer refuses them first.)
    ///
    /// - Throws: ``TraceError`` for input that does not fit the mechanism.
    func trace(_ input: ResolvedInput, recorder: TraceRecorder) throws(TraceError)
}

extension Mechanism {
    /// Mechanisms trace seeded parameters unless they say otherwise.
    var tracedScore: ModelConfiguration.Score? { nil }

    /// Mechanisms trace no trained model unless they say otherwise (the decoder-side ones do).
    func traces(_ configuration: ModelConfiguration) -> Bool { false }

    /// Whether the mechanism traces trained models of some score.
    var tracesModels: Bool { tracedScore != nil }

    /// Options are taken as given unless the mechanism chooses defaults.
    func resolved(_ options: MechanismOptions, tensors: TensorSource) -> MechanismOptions {
        options
    }

    /// No requirements beyond each option's own validation unless the mechanism has some.
    func validate(_ options: MechanismOptions) throws(TraceError) {}
}

/// A tensor a mechanism reads, by its canonical name, with its shape and its role.
public struct TensorRole: Sendable, Equatable {
    /// The canonical name, such as `W_a`.
    public let name: String
    /// The shape in the conventions' symbols, such as `d_a × (d_s + d_h)`.
    public let shape: String
    /// What the tensor is for.
    public let role: String

    /// Creates a role.
    init(_ name: String, _ shape: String, _ role: String) {
        self.name = name
        self.shape = shape
        self.role = role
    }
}
