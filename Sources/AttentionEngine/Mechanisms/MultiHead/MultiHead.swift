extension Variant {
    /// `multi-head`: Vaswani et al. 2017: several heads in parallel, concatenated and projected. See `Docs/mechanisms/multi-head.md`.
    public static let multiHead = Variant(DotProductMechanism(
        name: "multi-head", summary: "Vaswani et al. 2017: several heads in parallel, concatenated and projected",
        isCross: false, heads: .option, isCausal: false))
}
