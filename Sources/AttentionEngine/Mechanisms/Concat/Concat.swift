extension Variant {
    /// `concat`: Luong et al. 2015: the additive score in Luong's framing. See `Docs/mechanisms/concat.md`.
    public static let concat = Variant(AlignmentMechanism(
        name: "concat", summary: "Luong et al. 2015: the additive score in Luong's framing",
        score: .fixed(.concat), window: .global))
}
