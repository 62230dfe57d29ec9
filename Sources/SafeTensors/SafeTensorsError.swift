/// Why a safetensors file could not be read or written.
///
/// Each case names what was wrong and where, so that a command can print it as one line.
public enum SafeTensorsError: Error, Equatable, CustomStringConvertible {
    /// The file is shorter than the 8-byte header length, or than the header it announces.
    case truncatedHeader(announced: UInt64, available: Int)
    /// The header is not a JSON object of the expected form.
    case malformedHeader(String)
    /// A tensor's dtype is not one this reader knows.
    case unknownDType(tensor: String, dtype: String)
    /// A tensor's byte count disagrees with its shape and dtype.
    case shapeMismatch(tensor: String, shape: [Int], dtype: String, expectedBytes: Int, foundBytes: Int)
    /// A tensor's data lies (partly) beyond the end of the file.
    case offsetsPastEnd(tensor: String, end: Int, dataSize: Int)
    /// Two tensors share bytes, or a tensor's offsets are reversed.
    case overlappingOffsets(tensor: String, other: String)
    /// Bytes of the data section belong to no tensor.
    case uncoveredBytes(start: Int, end: Int)
    /// The file holds no tensor of this name.
    case missingTensor(String, available: [String])
    /// A tensor cannot be written: its values do not fill its shape, or the dtype cannot be written.
    case invalidTensor(name: String, reason: String)

    public var description: String {
        switch self {
        case let .truncatedHeader(announced, available):
            "truncated header: it announces \(announced) bytes of JSON after the 8-byte length, but the file has \(available) bytes"
        case let .malformedHeader(reason):
            "malformed header: \(reason)"
        case let .unknownDType(tensor, dtype):
            "tensor '\(tensor)' has unknown dtype '\(dtype)' (known: \(DType.allCases.map(\.rawValue).joined(separator: ", ")))"
        case let .shapeMismatch(tensor, shape, dtype, expected, found):
            "tensor '\(tensor)' of shape \(shape) and dtype \(dtype) needs \(expected) bytes, but its offsets span \(found)"
        case let .offsetsPastEnd(tensor, end, dataSize):
            "tensor '\(tensor)' ends at byte \(end) of the data, past its end at \(dataSize)"
        case let .overlappingOffsets(tensor, other):
            "tensor '\(tensor)' overlaps tensor '\(other)'"
        case let .uncoveredBytes(start, end):
            "bytes \(start)..<\(end) of the data belong to no tensor"
        case let .missingTensor(name, available):
            "no tensor '\(name)'" + (available.isEmpty ? "" : " (the file has: \(available.joined(separator: ", ")))")
        case let .invalidTensor(name, reason):
            "cannot write tensor '\(name)': \(reason)"
        }
    }
}
