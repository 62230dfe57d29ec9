/// Typed reads of a GGUF file's metadata, each failure a ``CheckpointError`` naming the file and the key.
struct GGUFMetadata {
    let file: GGUFFile

    /// The value of `key`.
    ///
    /// - Throws: ``CheckpointError/missingKey(_:file:)``.
    func value(_ key: String) throws -> GGUFValue {
        guard let value = file.metadata[key] else { throw CheckpointError.missingKey(key, file: file.name) }
        return value
    }

    /// The natural number at `key`, at least `minimum`, or `default` when the file does not have the key.
    ///
    /// - Throws: ``CheckpointError/missingKey(_:file:)`` when the key is missing and there is no
    ///   default, ``CheckpointError/invalidValue(key:file:expected:found:)`` for another value.
    func integer(_ key: String, minimum: Int = 1, default defaultValue: Int? = nil) throws -> Int {
        guard let value = file.metadata[key] else {
            guard let defaultValue else { throw CheckpointError.missingKey(key, file: file.name) }
            return defaultValue
        }
        guard let integer = value.integer, integer >= minimum else {
            throw invalid(key, expected: "an integer of at least \(minimum)", found: value)
        }
        return integer
    }

    /// The positive finite number at `key`, or `default` when the file does not have the key.
    ///
    /// - Throws: As ``integer(_:minimum:default:)``.
    func number(_ key: String, default defaultValue: Double? = nil) throws -> Double {
        guard let value = file.metadata[key] else {
            guard let defaultValue else { throw CheckpointError.missingKey(key, file: file.name) }
            return defaultValue
        }
        guard let number = value.double, number > 0, number.isFinite else {
            throw invalid(key, expected: "a positive number", found: value)
        }
        return number
    }

    /// The string at `key`.
    ///
    /// - Throws: As ``integer(_:minimum:default:)``.
    func string(_ key: String) throws -> String {
        let value = try value(key)
        guard let string = value.string else { throw invalid(key, expected: "a string", found: value) }
        return string
    }

    /// The string at `key`, or `nil` when the file does not have the key.
    ///
    /// - Throws: ``CheckpointError/invalidValue(key:file:expected:found:)`` for a value that is not a string.
    func optionalString(_ key: String) throws -> String? {
        try file.metadata[key].map { _ in try string(key) }
    }

    /// The bool at `key`, or `false` when the file does not have the key.
    ///
    /// - Throws: ``CheckpointError/invalidValue(key:file:expected:found:)`` for a value that is not a bool.
    func flag(_ key: String) throws -> Bool {
        guard let value = file.metadata[key] else { return false }
        guard let flag = value.bool else { throw invalid(key, expected: "a bool", found: value) }
        return flag
    }

    /// The array of strings at `key`.
    ///
    /// - Throws: As ``integer(_:minimum:default:)``.
    func strings(_ key: String) throws -> [String] {
        let value = try value(key)
        guard let strings = value.strings else { throw invalid(key, expected: "an array of strings", found: value) }
        return strings
    }

    private func invalid(_ key: String, expected: String, found value: GGUFValue) -> CheckpointError {
        let found = switch value {
        case let .array(elements): "an array of \(elements.count)"
        case let .string(string): "'\(string)'"
        case let .uint(integer): String(integer)
        case let .int(integer): String(integer)
        case let .float(number): String(number)
        case let .bool(flag): String(flag)
        }
        return .invalidValue(key: key, file: file.name, expected: expected, found: found)
    }
}
