extension Variant {
    /// `causal`: self-attention that may only look at earlier positions. See `Docs/mechanisms/causal.md`.
    public static let causal = Variant(DotProductMechanism(
        name: "causal", summary: "self-attention that may only look at earlier positions",
        isCross: false, heads: .single, isCausal: true))
}
