/// The element types of a safetensors file that this module reads.
///
/// All are little-endian: IEEE 754 floating point, or two's-complement integers (Hugging Face
/// checkpoints store buffers such as BERT's `position_ids` as I64). Values are converted to
/// `Double` when read, integers exactly up to 2^53 in magnitude. F64 and F32 can also be written
/// (the others are read-only: training keeps `Double`).
public enum DType: String, CaseIterable, Sendable {
    /// 64-bit binary floating point.
    case f64 = "F64"
    /// 32-bit binary floating point.
    case f32 = "F32"
    /// 16-bit binary floating point (1 sign, 5 exponent, 10 fraction bits).
    case f16 = "F16"
    /// bfloat16: the upper 16 bits of an F32 (1 sign, 8 exponent, 7 fraction bits).
    case bf16 = "BF16"
    /// 64-bit signed integer.
    case i64 = "I64"
    /// 32-bit signed integer.
    case i32 = "I32"

    /// The size of one element in bytes.
    public var byteCount: Int {
        switch self {
        case .f64, .i64: 8
        case .f32, .i32: 4
        case .f16, .bf16: 2
        }
    }

    /// Whether ``SafeTensorsWriter`` can write this dtype.
    public var isWritable: Bool { self == .f64 || self == .f32 }

    /// Decodes `count` consecutive elements starting at `pointer` (little-endian, any alignment)
    /// into contiguous storage.
    ///
    /// - Complexity: O(`count`), one pass with no intermediate array.
    public func decode(count: Int, at pointer: UnsafeRawPointer) -> [Double] {
        [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            for index in 0..<count {
                buffer[index] = decode(at: pointer + index * byteCount)
            }
            initialized = count
        }
    }

    /// Decodes the element starting at `pointer` (little-endian, any alignment).
    public func decode(at pointer: UnsafeRawPointer) -> Double {
        switch self {
        case .f64: Double(bitPattern: UInt64(littleEndian: pointer.loadUnaligned(as: UInt64.self)))
        case .f32: Double(Float(bitPattern: UInt32(littleEndian: pointer.loadUnaligned(as: UInt32.self))))
        case .bf16: Double(Float(bitPattern: UInt32(UInt16(littleEndian: pointer.loadUnaligned(as: UInt16.self))) << 16))
        case .f16: Self.halfToDouble(UInt16(littleEndian: pointer.loadUnaligned(as: UInt16.self)))
        case .i64: Double(Int64(littleEndian: pointer.loadUnaligned(as: Int64.self)))
        case .i32: Double(Int32(littleEndian: pointer.loadUnaligned(as: Int32.self)))
        }
    }

    /// The value of an IEEE 754 binary16 bit pattern: `(−1)^s · 2^(e−15) · (1 + f/1024)`,
    /// subnormal `(−1)^s · 2^−14 · f/1024` when `e = 0`, infinity or NaN when `e = 31`.
    private static func halfToDouble(_ bits: UInt16) -> Double {
        let sign: Double = bits & 0x8000 == 0 ? 1 : -1
        let exponent = Int((bits >> 10) & 0x1F), fraction = Double(bits & 0x3FF)
        switch exponent {
        case 0: return sign * fraction / 1024 * 0x1p-14
        case 31: return fraction == 0 ? sign * .infinity : .nan
        default: return sign * (1 + fraction / 1024) * Double(sign: .plus, exponent: exponent - 15, significand: 1)
        }
    }
}
