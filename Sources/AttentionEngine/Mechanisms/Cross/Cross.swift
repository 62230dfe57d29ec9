extension Variant {
    /// `cross`: queries from the target side, keys and values from the source side. See `Docs/mechanisms/cross.md`.
    public static let cross = Variant(DotProductMechanism(
        name: "cross", summary: "queries from the target side, keys and values from the source side",
        isCross: true, heads: .optional, isCausal: false))
}
