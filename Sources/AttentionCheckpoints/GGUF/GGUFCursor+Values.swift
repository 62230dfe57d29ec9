/// The type codes of GGUF metadata values (gguf-py's `GGUFValueType`).
enum GGUFValueType: UInt32 {
    case uint8 = 0, int8, uint16, int16, uint32, int32, float32, bool, string, array, uint64, int64, float64

    /// The fewest bytes a value of this type takes: its size, a string's length field, an array's type and count.
    var minimumByteCount: Int {
        switch self {
        case .uint8, .int8, .bool: 1
        case .uint16, .int16: 2
        case .uint32, .int32, .float32: 4
        case .uint64, .int64, .float64, .string: 8
        case .array: 12
        }
    }
}

extension GGUFCursor {
    /// Reads a value's uint32 type code, refusing codes GGUF does not define.
    mutating func readValueType(key: String) throws -> GGUFValueType {
        let code = try read(UInt32.self)
        guard let type = GGUFValueType(rawValue: code) else {
            throw GGUFError.unknownValueType(code, key: key, file: file)
        }
        return type
    }

    /// Reads one value of `type`; an array reads its element type, its count and its elements.
    ///
    /// - Complexity: O(bytes read); an array's count is checked against the bytes left before anything is allocated.
    mutating func readValue(of type: GGUFValueType, key: String) throws -> GGUFValue {
        switch type {
        case .uint8: .uint(UInt64(try read(UInt8.self)))
        case .uint16: .uint(UInt64(try read(UInt16.self)))
        case .uint32: .uint(UInt64(try read(UInt32.self)))
        case .uint64: .uint(try read(UInt64.self))
        case .int8: .int(Int64(try read(Int8.self)))
        case .int16: .int(Int64(try read(Int16.self)))
        case .int32: .int(Int64(try read(Int32.self)))
        case .int64: .int(try read(Int64.self))
        case .float32: .float(Double(Float(bitPattern: try read(UInt32.self))))
        case .float64: .float(Double(bitPattern: try read(UInt64.self)))
        case .bool: .bool(try read(UInt8.self) != 0)
        case .string: .string(try readString())
        case .array: .array(try readArray(key: key))
        }
    }

    private mutating func readArray(key: String) throws -> [GGUFValue] {
        let elementType = try readValueType(key: key)
        let count = try readCount(elementSize: elementType.minimumByteCount)
        var elements = [GGUFValue]()
        elements.reserveCapacity(count)
        for _ in 0..<count {
            elements.append(try readValue(of: elementType, key: key))
        }
        return elements
    }
}
