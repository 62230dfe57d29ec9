/// One tensor of a GGUF file, as its tensor info describes it.
public struct GGUFTensorInfo: Equatable, Sendable {
    /// The tensor's name, such as `blk.0.attn_q.weight`.
    public let name: String
    /// The shape in PyTorch (numpy, row-major) order, outermost first.
    ///
    /// GGUF stores the dims innermost first (ggml's `ne[0]` is the contiguous one), so this is the
    /// file's dims reversed: a tensor listed with dims `[64, 3]` has shape `[3, 64]`, 3 rows of 64.
    public let shape: [Int]
    /// The element type.
    public let type: GGMLType
    /// Where the tensor's bytes start, counted from the start of the data section (a multiple of the alignment).
    public let offset: Int
    /// The number of elements, the product of ``shape``.
    public let elementCount: Int
    /// The number of bytes: `elementCount / type.blockSize · type.blockByteCount`.
    public let byteCount: Int
}
