extension Variant {
    /// `scaled-dot`: the dot product divided by √d_h, as in Transformers. See `Docs/mechanisms/scaled-dot.md`.
    public static let scaledDot = Variant(AlignmentMechanism(
        name: "scaled-dot", summary: "the dot product divided by √d_h, as in Transformers",
        score: .fixed(.scaledDot), window: .global))
}
