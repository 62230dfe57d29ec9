import Foundation
import NameSuggestions

/// The keys of a `config.json`, read with the checks every model family's configuration makes.
struct ConfigurationFields {
    let fields: [String: Any]
    let file: String

    /// Parses `json` as one JSON object.
    ///
    /// - Throws: ``CheckpointError/malformedConfiguration(file:reason:)`` if it is not one.
    init(json: Data, file: String) throws {
        guard let object = try? JSONSerialization.jsonObject(with: json), let fields = object as? [String: Any] else {
            throw CheckpointError.malformedConfiguration(file: file, reason: "it is not a JSON object")
        }
        self.fields = fields
        self.file = file
    }

    /// Throws ``CheckpointError/unknownKey(_:file:suggestion:)`` for the first key (alphabetically) not in `known`.
    func refuseUnknownKeys(known: Set<String>) throws {
        for key in fields.keys.sorted() where !known.contains(key) {
            throw CheckpointError.unknownKey(key, file: file, suggestion: closestName(to: key, among: known.sorted()))
        }
    }

    /// Throws ``CheckpointError/invalidValue(key:file:expected:found:)`` for the first key of `required` that is
    /// present with another value than its own (strings as JSON strings, Booleans as `true` or `false`).
    func requireFixedValues(strings: [String: String] = [:], flags: [String: Bool] = [:]) throws {
        for (key, required) in strings.sorted(by: { $0.key < $1.key }) {
            guard let value = fields[key] else { continue }
            guard let text = value as? String, text == required else {
                throw CheckpointError.invalidValue(key: key, file: file, expected: "\"\(required)\"", found: "\(value)")
            }
        }
        for (key, required) in flags.sorted(by: { $0.key < $1.key }) {
            guard let value = fields[key] else { continue }
            guard let number = value as? NSNumber, Self.isBoolean(number), number.boolValue == required else {
                throw CheckpointError.invalidValue(key: key, file: file, expected: "\(required)", found: "\(value)")
            }
        }
    }

    /// The positive integer at `key`, which must be present.
    func positiveInteger(_ key: String) throws -> Int {
        guard fields[key] != nil else { throw CheckpointError.missingKey(key, file: file) }
        guard let integer = try optionalPositiveInteger(key) else {
            throw CheckpointError.invalidValue(key: key, file: file, expected: "a positive integer", found: "null")
        }
        return integer
    }

    /// The positive integer at `key`, or nil when the key is absent or `null`.
    func optionalPositiveInteger(_ key: String) throws -> Int? {
        guard let value = fields[key], !(value is NSNull) else { return nil }
        guard let number = value as? NSNumber, !Self.isBoolean(number), let integer = Int(exactly: number.doubleValue),
              integer > 0 else {
            throw CheckpointError.invalidValue(key: key, file: file, expected: "a positive integer", found: "\(value)")
        }
        return integer
    }

    /// The positive finite number at `key`, which must be present.
    func positiveNumber(_ key: String) throws -> Double {
        guard let value = fields[key] else { throw CheckpointError.missingKey(key, file: file) }
        guard let number = value as? NSNumber, !Self.isBoolean(number), number.doubleValue > 0,
              number.doubleValue.isFinite else {
            throw CheckpointError.invalidValue(key: key, file: file, expected: "a positive number", found: "\(value)")
        }
        return number.doubleValue
    }

    /// Whether a JSON number is `true` or `false` (Foundation gives Booleans the `c` type).
    static func isBoolean(_ number: NSNumber) -> Bool {
        String(cString: number.objCType) == "c"
    }
}
