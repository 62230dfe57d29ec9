extension Variant {
    /// `general`: Luong et al. 2015: the score is the bilinear form s W_a h_i. See `Docs/mechanisms/general.md`.
    public static let general = Variant(AlignmentMechanism(
        name: "general", summary: "Luong et al. 2015: the score is the bilinear form s W_a h_i",
        score: .fixed(.general), window: .global, tracedScore: .general))
}
