/// A GGUF metadata value.
///
/// The thirteen GGUF value types fold into six cases: every unsigned width (uint8 … uint64) is
/// ``uint(_:)``, every signed width ``int(_:)``, float32 and float64 ``float(_:)`` (a float32 converted
/// exactly). Arrays may hold any type, arrays included.
public enum GGUFValue: Equatable, Sendable {
    /// uint8, uint16, uint32 or uint64.
    case uint(UInt64)
    /// int8, int16, int32 or int64.
    case int(Int64)
    /// float32 or float64.
    case float(Double)
    /// bool (one byte, 0 or 1).
    case bool(Bool)
    /// string (UTF-8; invalid sequences are replaced by U+FFFD).
    case string(String)
    /// array of values of one type.
    case array([GGUFValue])

    /// The value as an `Int`, when it is an integer that fits.
    public var integer: Int? {
        switch self {
        case let .uint(value): Int(exactly: value)
        case let .int(value): Int(exactly: value)
        default: nil
        }
    }

    /// The value as a `Double`: a float, or an integer (rounded beyond 2^53).
    public var double: Double? {
        switch self {
        case let .float(value): value
        case let .uint(value): Double(value)
        case let .int(value): Double(value)
        default: nil
        }
    }

    /// The value, when it is a bool.
    public var bool: Bool? {
        if case let .bool(value) = self { value } else { nil }
    }

    /// The value, when it is a string.
    public var string: String? {
        if case let .string(value) = self { value } else { nil }
    }

    /// The elements, when the value is an array.
    public var array: [GGUFValue]? {
        if case let .array(values) = self { values } else { nil }
    }

    /// The elements, when the value is an array of strings (such as `tokenizer.ggml.tokens`).
    public var strings: [String]? {
        guard let array else { return nil }
        var strings = [String]()
        strings.reserveCapacity(array.count)
        for element in array {
            guard let string = element.string else { return nil }
            strings.append(string)
        }
        return strings
    }
}
