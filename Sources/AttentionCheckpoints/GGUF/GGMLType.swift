/// The element type of a GGUF tensor: ggml's `GGMLQuantizationType`, with its code as the raw value.
///
/// Every type is stored in blocks of ``blockSize`` consecutive elements of the innermost dimension,
/// each block ``blockByteCount`` bytes (plain types have blocks of one element). Only some types can be
/// decoded to `Double` (``isDecodable``); the others can still be listed and bounds-checked.
public enum GGMLType: UInt32, CaseIterable, Sendable {
    case f32 = 0, f16 = 1, q4_0 = 2, q4_1 = 3, q5_0 = 6, q5_1 = 7, q8_0 = 8, q8_1 = 9
    case q2_k = 10, q3_k = 11, q4_k = 12, q5_k = 13, q6_k = 14, q8_k = 15
    case iq2_xxs = 16, iq2_xs = 17, iq3_xxs = 18, iq1_s = 19, iq4_nl = 20, iq3_s = 21, iq2_s = 22, iq4_xs = 23
    case i8 = 24, i16 = 25, i32 = 26, i64 = 27, f64 = 28, iq1_m = 29, bf16 = 30
    case tq1_0 = 34, tq2_0 = 35, mxfp4 = 39, nvfp4 = 40, q1_0 = 41

    /// The name gguf-py and llama.cpp use, such as `Q4_1`.
    public var name: String { String(describing: self).uppercased() }

    /// The number of elements in one block (gguf-py's `GGML_QUANT_SIZES`).
    public var blockSize: Int {
        switch self {
        case .f32, .f16, .bf16, .f64, .i8, .i16, .i32, .i64: 1
        case .q4_0, .q4_1, .q5_0, .q5_1, .q8_0, .q8_1, .iq4_nl, .mxfp4: 32
        case .nvfp4: 64
        case .q1_0: 128
        case .q2_k, .q3_k, .q4_k, .q5_k, .q6_k, .q8_k, .iq2_xxs, .iq2_xs, .iq3_xxs, .iq1_s, .iq3_s, .iq2_s, .iq4_xs,
             .iq1_m, .tq1_0, .tq2_0: 256
        }
    }

    /// The number of bytes of one block (gguf-py's `GGML_QUANT_SIZES`).
    public var blockByteCount: Int {
        switch self {
        case .i8: 1
        case .f16, .bf16, .i16: 2
        case .f32, .i32: 4
        case .f64, .i64: 8
        case .q4_0, .iq4_nl, .q1_0: 18
        case .q4_1: 20
        case .q5_0: 22
        case .q5_1: 24
        case .q8_0: 34
        case .q8_1: 40
        case .mxfp4: 17
        case .nvfp4: 36
        case .q2_k: 84
        case .q3_k: 110
        case .q4_k: 144
        case .q5_k: 176
        case .q6_k: 210
        case .q8_k: 292
        case .iq2_xxs: 66
        case .iq2_xs: 74
        case .iq3_xxs: 98
        case .iq1_s: 50
        case .iq3_s: 110
        case .iq2_s: 82
        case .iq4_xs: 136
        case .iq1_m: 56
        case .tq1_0: 54
        case .tq2_0: 66
        }
    }

    /// Whether ``GGUFFile/values(of:)`` can decode this type: F32, F16, BF16, F64, Q8_0 and Q4_1.
    public var isDecodable: Bool {
        switch self {
        case .f32, .f16, .bf16, .f64, .q8_0, .q4_1: true
        default: false
        }
    }
}
