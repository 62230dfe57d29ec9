/// Which entries of a query or key rotary position embeddings rotate together (Su et al. 2021).
///
/// Both rotate pairs of entries by the same angles; they differ in which entries form a pair, so
/// weights trained with one do not work with the other.
public enum RotaryPairing: String, CaseIterable, Sendable {
    /// Entry j with entry j + r/2 (GPT-NeoX, Hugging Face Llama's `rotate_half`; ONNX `interleaved = 0`).
    case half
    /// Entry 2k with entry 2k + 1 (GPT-J, RoFormer, the paper's own layout; ONNX `interleaved = 1`).
    case interleaved

    /// The pairing called `name`.
    ///
    /// - Throws: ``TraceError/invalidOption(_:value:reason:)`` naming the choices.
    public init(named name: String) throws(TraceError) {
        guard let pairing = RotaryPairing(rawValue: name) else {
            throw .invalidOption(.rope, value: name,
                                 reason: "unknown rope pairing '\(printable(name))'; choose half (NeoX, Llama) or interleaved (GPT-J)")
        }
        self = pairing
    }
}
