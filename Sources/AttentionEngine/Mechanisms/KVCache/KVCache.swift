extension Variant {
    /// `kv-cache`: causal self-attention generated token by token against a key and value cache. See `Docs/mechanisms/kv-cache.md`.
    public static let kvCache = Variant(CachedDecodingMechanism())
}
