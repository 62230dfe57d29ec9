extension Variant {
    /// `local-m`: Luong et al. 2015: a monotonic window of half-width D around p_t = t. See `Docs/mechanisms/local-m.md`.
    public static let localM = Variant(AlignmentMechanism(
        name: "local-m", summary: "Luong et al. 2015: a monotonic window of half-width D around p_t = t",
        score: .option, window: .monotonic))
}
