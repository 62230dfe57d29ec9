extension Variant {
    /// `flash`: single-head self-attention by FlashAttention's online softmax over key blocks. See `Docs/mechanisms/flash.md`.
    public static let flash = Variant(OnlineSoftmaxMechanism())
}
