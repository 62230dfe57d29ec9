extension Variant {
    /// `dot`: Luong et al. 2015: the score is the dot product s · h_i. See `Docs/mechanisms/dot.md`.
    public static let dot = Variant(AlignmentMechanism(
        name: "dot", summary: "Luong et al. 2015: the score is the dot product s · h_i",
        score: .fixed(.dot), window: .global, tracedScore: .dot))
}
