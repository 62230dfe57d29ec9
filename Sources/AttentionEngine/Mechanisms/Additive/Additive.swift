extension Variant {
    /// `additive`: Bahdanau et al. 2014: a small feed-forward network scores [s; h_i]. See `Docs/mechanisms/additive.md`.
    public static let additive = Variant(AlignmentMechanism(
        name: "additive", summary: "Bahdanau et al. 2014: a small feed-forward network scores [s; h_i]",
        score: .fixed(.concat), window: .global, framing: .bahdanau))
}
