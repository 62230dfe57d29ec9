extension Variant {
    /// `self`: Vaswani et al. 2017: one head of scaled dot-product self-attention. See `Docs/mechanisms/self.md`.
    public static let selfAttention = Variant(DotProductMechanism(
        name: "self", summary: "Vaswani et al. 2017: one head of scaled dot-product self-attention",
        isCross: false, heads: .single, isCausal: false))
}
