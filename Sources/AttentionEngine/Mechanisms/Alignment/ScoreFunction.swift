/// How a decoder state `s` is compared with a source annotation `h_i`
/// (Luong, Pham and Manning 2015, section 3.1).
public enum ScoreFunction: String, CaseIterable, Sendable {
    /// `e_i = s · h_i`.
    case dot
    /// `e_i = s W_a h_iᵀ`, with `W_a` of shape `d_s x d_h`.
    case general
    /// `e_i = v_a · tanh(W_a [s ; h_i])`: Bahdanau's additive score.
    case concat
    /// `e_i = s · h_i / √d_h`: the `scaled-dot` variant's own score, not an option of global or local attention.
    case scaledDot = "scaled-dot"

    /// The scores the `score` option may choose, as Luong et al. define them.
    public static let selectable: [ScoreFunction] = [.dot, .general, .concat]

    /// The selectable score called `name`.
    ///
    /// - Throws: ``TraceError/invalidOption(_:value:reason:)`` naming the choices.
    public init(named name: String) throws(TraceError) {
        guard let score = ScoreFunction(rawValue: name), Self.selectable.contains(score) else {
            throw .invalidOption(.score, value: name, reason: Self.unknownMessage(name))
        }
        self = score
    }

    /// Why `name` cannot be the `score` option.
    static func unknownMessage(_ name: String) -> String {
        let names = selectable.map(\.rawValue)
        return "unknown score '\(printable(name))'; choose \(names.dropLast().joined(separator: ", ")) or \(names.last ?? "")"
    }

    /// The score the conventions choose when a spec does not say: `concat` if
    /// `v_a` is given, else `general` if `W_a` is, else `dot`.
    static func implied(by tensors: TensorSource) -> ScoreFunction {
        tensors.gives("v_a") ? .concat : tensors.gives("W_a") ? .general : .dot
    }

    /// The parameter tensors the score reads.
    var parameterNames: [String] {
        switch self {
        case .dot, .scaledDot: []
        case .general: ["W_a"]
        case .concat: ["W_a", "v_a"]
        }
    }
}
