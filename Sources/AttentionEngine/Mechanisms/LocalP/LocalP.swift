extension Variant {
    /// `local-p`: Luong et al. 2015: a predicted window centre p_t and a Gaussian fall-off. See `Docs/mechanisms/local-p.md`.
    public static let localP = Variant(AlignmentMechanism(
        name: "local-p", summary: "Luong et al. 2015: a predicted window centre p_t and a Gaussian fall-off",
        score: .option, window: .predictive))
}
