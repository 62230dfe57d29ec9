/// Why a GGUF file could not be read, or one of its tensors could not be decoded.
///
/// Each case names the file (and the tensor or metadata key) and what was wrong, so that a command
/// can print it as one line. Offsets are byte offsets from the start of the file.
public enum GGUFError: Error, Equatable, CustomStringConvertible {
    /// The file does not start with the four bytes `GGUF`.
    case badMagic(file: String, found: [UInt8])
    /// The version is not 2 or 3 (a big-endian file shows a byte-swapped version).
    case unsupportedVersion(UInt32, file: String)
    /// The file ends inside a fixed-size field; `reading` says which (the header, a key, a tensor info).
    case truncated(file: String, reading: String, offset: Int)
    /// A string's or an array's length runs past the end of the file.
    case lengthPastEnd(file: String, reading: String, length: UInt64, offset: Int)
    /// A metadata value has a type code GGUF does not define.
    case unknownValueType(UInt32, key: String, file: String)
    /// `general.alignment` is not a uint32 power of two.
    case invalidAlignment(file: String, found: String)
    /// A tensor has a ggml type code this reader does not know.
    case unknownTensorType(UInt32, tensor: String, file: String)
    /// A tensor's innermost dimension is not a whole number of its type's blocks.
    case partialBlock(tensor: String, file: String, type: GGMLType, innermost: Int)
    /// A tensor's bytes run past the end of the file (or its size overflows).
    case tensorPastEnd(tensor: String, file: String, offset: Int, byteCount: Int, fileSize: Int)
    /// A tensor's offset within the data section is not a multiple of the alignment.
    case misalignedTensor(tensor: String, file: String, offset: Int, alignment: Int)
    /// The file has no tensor of that name; `suggestion` is the closest name it has.
    case unknownTensor(String, file: String, suggestion: String?)
    /// The tensor's type has no dequantization here (see ``GGMLType/isDecodable``).
    case unsupportedTensorType(GGMLType, tensor: String, file: String)

    /// The error as one line, for a command to print after `Error: `.
    public var description: String {
        switch self {
        case let .badMagic(file, found):
            "\(file): not a GGUF file (it starts with bytes \(found.map { ($0 < 0x10 ? "0" : "") + String($0, radix: 16) }.joined(separator: " ")), not 'GGUF' = 47 47 55 46)"
        case let .unsupportedVersion(version, file):
            "\(file): GGUF version \(version) is not supported (only 2 and 3, little-endian)"
        case let .truncated(file, reading, offset):
            "\(file): the file ends at byte \(offset) while reading \(reading)"
        case let .lengthPastEnd(file, reading, length, offset):
            "\(file): \(reading) has length \(length) at byte \(offset), past the end of the file"
        case let .unknownValueType(code, key, file):
            "\(file): metadata key '\(key)' has unknown value type \(code)"
        case let .invalidAlignment(file, found):
            "\(file): general.alignment should be a uint32 power of two, found \(found)"
        case let .unknownTensorType(code, tensor, file):
            "\(file): tensor '\(tensor)' has unknown ggml type \(code)"
        case let .partialBlock(tensor, file, type, innermost):
            "\(file): tensor '\(tensor)' of type \(type.name) has innermost dimension \(innermost), "
                + "not a multiple of its block of \(type.blockSize)"
        case let .tensorPastEnd(tensor, file, offset, byteCount, fileSize):
            "\(file): tensor '\(tensor)' (\(byteCount) bytes at byte \(offset)) runs past the end of the file (\(fileSize) bytes)"
        case let .misalignedTensor(tensor, file, offset, alignment):
            "\(file): tensor '\(tensor)' has offset \(offset) in the data section, not a multiple of the alignment \(alignment)"
        case let .unknownTensor(name, file, suggestion):
            "\(file): no tensor '\(name)'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
        case let .unsupportedTensorType(type, tensor, file):
            "\(file): tensor '\(tensor)' has type \(type.name), which this reader cannot decode "
                + "(only F32, F16, BF16, F64, Q8_0 and Q4_1)"
        }
    }
}
