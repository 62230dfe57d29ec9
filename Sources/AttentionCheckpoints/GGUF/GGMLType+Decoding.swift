import SafeTensors

extension GGMLType {
    /// Decodes `count` elements (a whole number of blocks) starting at `pointer`, or `nil` when the
    /// type is not ``isDecodable``.
    ///
    /// The plain types go through `SafeTensors`' ``DType``. The two block types follow gguf-py's
    /// `quants.py` (and ggml's `dequantize_row_*`), in float32 arithmetic as they do, then widened exactly:
    /// - Q8_0, 34-byte blocks of 32: an f16 scale `d`, then 32 int8 `q`: `x[j] = d · q[j]`.
    /// - Q4_1, 20-byte blocks of 32: f16 `d`, f16 `m`, then 16 bytes `b`:
    ///   `x[j] = d · (b[j] & 0xF) + m` and `x[j + 16] = d · (b[j] >> 4) + m` for `j` in 0 ..< 16.
    ///
    /// - Complexity: O(`count`), one pass with no intermediate array.
    func decode(count: Int, at pointer: UnsafeRawPointer) -> [Double]? {
        switch self {
        case .f32: DType.f32.decode(count: count, at: pointer)
        case .f16: DType.f16.decode(count: count, at: pointer)
        case .bf16: DType.bf16.decode(count: count, at: pointer)
        case .f64: DType.f64.decode(count: count, at: pointer)
        case .q8_0: decodeBlocks(count: count, at: pointer, with: Self.decodeQ8_0)
        case .q4_1: decodeBlocks(count: count, at: pointer, with: Self.decodeQ4_1)
        default: nil
        }
    }

    /// Runs `decodeBlock` on each block, handing it the block's bytes and where its 32 values go.
    private func decodeBlocks(
        count: Int, at pointer: UnsafeRawPointer,
        with decodeBlock: (UnsafeRawPointer, UnsafeMutablePointer<Double>) -> Void
    ) -> [Double] {
        [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            guard let output = buffer.baseAddress else { return }
            for block in 0..<count / blockSize {
                decodeBlock(pointer + block * blockByteCount, output + block * blockSize)
            }
            initialized = count
        }
    }

    private static func half(at pointer: UnsafeRawPointer) -> Float {
        Float(DType.f16.decode(at: pointer))
    }

    private static func decodeQ8_0(_ block: UnsafeRawPointer, into output: UnsafeMutablePointer<Double>) {
        let scale = half(at: block)
        for index in 0..<32 {
            output[index] = Double(Float(Int8(bitPattern: block.load(fromByteOffset: 2 + index, as: UInt8.self))) * scale)
        }
    }

    private static func decodeQ4_1(_ block: UnsafeRawPointer, into output: UnsafeMutablePointer<Double>) {
        let scale = half(at: block), minimum = half(at: block + 2)
        for index in 0..<16 {
            let byte = block.load(fromByteOffset: 4 + index, as: UInt8.self)
            output[index] = Double(Float(byte & 0x0F) * scale + minimum)
            output[index + 16] = Double(Float(byte >> 4) * scale + minimum)
        }
    }
}
