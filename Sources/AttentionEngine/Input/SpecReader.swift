import AttentionTrace
import NameSuggestions

/// Reads the JSON of an input spec in one pass over its bytes, each tensor straight into
/// contiguous `Double` storage, refusing every key it does not know.
///
/// The keys a spec may have are listed here and nowhere else: the top level's in ``keys``,
/// the options' as ``MechanismOption``'s names, a tensor file's in ``TensorFileReference/keys``.
/// `null` for any of them means the key is absent.
enum SpecReader {
    /// The keys of a spec's top level, as `Docs/trace-format.md` lists them.
    static let keys = ["variant", "tensors", "options", "sourceTokens", "targetTokens"]

    /// What a spec's text says, before the tensor files it names are read.
    struct Contents {
        var spec = InputSpec()
        /// The tensors given as files, by canonical name.
        var references: [String: TensorFileReference] = [:]
    }

    /// Reads a whole spec from the UTF-8 bytes of its JSON.
    ///
    /// - Throws: ``SpecReadingError`` for the first thing that is wrong.
    static func contents(of bytes: UnsafeRawBufferPointer) throws(SpecReadingError) -> Contents {
        var cursor = JSONCursor(bytes)
        var contents = Contents()
        try cursor.object(at: "", known: keys) { cursor, key throws(SpecReadingError) in
            switch key {
            case "variant":
                guard let name = try cursor.string(at: "variant") else { return }
                guard let variant = Variant(rawValue: name) else {
                    throw .invalid(path: "variant", message: TraceError.unknownVariant(name).description)
                }
                contents.spec.variant = variant
            case "tensors":
                try cursor.tensors(into: &contents)
            case "options":
                contents.spec.options = try cursor.options(at: "options") ?? MechanismOptions()
            case "sourceTokens":
                contents.spec.sourceTokens = try cursor.strings(at: "sourceTokens")
            default:
                contents.spec.targetTokens = try cursor.strings(at: "targetTokens")
            }
        }
        try cursor.expectEnd()
        return contents
    }

    /// Reads the text of a JSON object of options, as a safetensors spec's metadata holds it.
    static func options(of bytes: UnsafeRawBufferPointer, at path: String) throws(SpecReadingError) -> MechanismOptions {
        var cursor = JSONCursor(bytes)
        let options = try cursor.options(at: path) ?? MechanismOptions()
        try cursor.expectEnd()
        return options
    }

    /// Reads the text of a JSON array of strings, as a safetensors spec's metadata holds tokens.
    static func strings(of bytes: UnsafeRawBufferPointer, at path: String) throws(SpecReadingError) -> [String]? {
        var cursor = JSONCursor(bytes)
        let strings = try cursor.strings(at: path)
        try cursor.expectEnd()
        return strings
    }
}

/// The spec's structure on top of the lexer; `path` is where a value is (`options.heads`,
/// `sourceTokens[2]`, `""` for the top level), for errors.
private extension JSONCursor {
    // MARK: - Objects

    /// Reads an object whose keys must be among `known`, calling `member` for each known key
    /// with the cursor at its value; unknown keys are collected and the first in sorted order
    /// is refused with the closest known key once the object is read.
    mutating func object(at path: String, known: [String],
                         _ member: (inout JSONCursor, String) throws(SpecReadingError) -> Void) throws(SpecReadingError) {
        var unknown: [String] = []
        try uniqueMembers(at: path) { cursor, key throws(SpecReadingError) in
            if known.contains(key) {
                try member(&cursor, key)
            } else {
                unknown.append(key)
                try cursor.skipValue()
            }
        }
        if let first = unknown.min() {
            throw .unknownKey(first, path: path.isEmpty ? "at the top level" : "in " + path,
                              suggestion: closestName(to: first, among: known))
        }
    }

    /// Reads an object's members, refusing a key that appears twice.
    mutating func uniqueMembers(at path: String,
                                _ member: (inout JSONCursor, String) throws(SpecReadingError) -> Void) throws(SpecReadingError) {
        try expect(.object, at: path)
        var seen: Set<String> = []
        try members { cursor, key throws(SpecReadingError) in
            guard seen.insert(key).inserted else {
                throw .invalid(path: path, message: "the key '\(printable(key))' appears twice")
            }
            try member(&cursor, key)
        }
    }

    mutating func tensors(into contents: inout SpecReader.Contents) throws(SpecReadingError) {
        guard try !skipNull() else { return }
        try uniqueMembers(at: "tensors") { cursor, name throws(SpecReadingError) in
            let path = "tensors." + printable(name)
            if try cursor.kind() == .object {
                contents.references[name] = try cursor.tensorFile(at: path)
            } else {
                contents.spec.tensors[name] = try cursor.tensor(at: path)
            }
        }
    }

    mutating func tensorFile(at path: String) throws(SpecReadingError) -> TensorFileReference {
        var file: String?, tensor: String?
        try object(at: path, known: TensorFileReference.keys) { cursor, key throws(SpecReadingError) in
            let value = try cursor.string(at: path + "." + key)
            if key == "file" { file = value } else { tensor = value }
        }
        guard let file else {
            throw .invalid(path: path, message: "a tensor file needs \"file\", the path of a .npy or .safetensors file")
        }
        return TensorFileReference(file: file, tensor: tensor)
    }

    // MARK: - Options

    mutating func options(at path: String) throws(SpecReadingError) -> MechanismOptions? {
        guard try !skipNull() else { return nil }
        var options = MechanismOptions()
        try object(at: path, known: MechanismOption.allCases.map(\.rawValue)) { cursor, key throws(SpecReadingError) in
            guard let option = MechanismOption(rawValue: key) else { return }
            try cursor.read(option, into: &options, at: path + "." + key)
        }
        return options
    }

    /// Reads the value of `option` into `options`, by the kind of value the option takes (``MechanismOption/valueKind``).
    mutating func read(_ option: MechanismOption, into options: inout MechanismOptions, at path: String) throws(SpecReadingError) {
        let value: MechanismOption.Value?
        switch option.valueKind {
        case .integer: value = try integer(at: path).map(MechanismOption.Value.integer)
        case .flag: value = try bool(at: path).map(MechanismOption.Value.flag)
        case .number: value = try double(at: path).map(MechanismOption.Value.number)
        case .name: value = try string(at: path).map(MechanismOption.Value.name)
        }
        do {
            try option.assign(value, in: &options)
        } catch {
            throw .invalid(path: path, message: error.description)
        }
    }

    // MARK: - Values

    /// Checks that the next value is of `kind`.
    ///
    /// - Throws: ``SpecReadingError/invalid(path:message:)`` naming what was found instead.
    mutating func expect(_ kind: Kind, at path: String) throws(SpecReadingError) {
        let found = try self.kind()
        guard found == kind else { throw .invalid(path: path, message: "expected \(kind.rawValue), found \(found.rawValue)") }
    }

    mutating func string(at path: String) throws(SpecReadingError) -> String? {
        guard try !skipNull() else { return nil }
        try expect(.string, at: path)
        return try string()
    }

    mutating func bool(at path: String) throws(SpecReadingError) -> Bool? {
        guard try !skipNull() else { return nil }
        try expect(.bool, at: path)
        return try bool()
    }

    mutating func double(at path: String) throws(SpecReadingError) -> Double? {
        guard try !skipNull() else { return nil }
        try expect(.number, at: path)
        return try number(at: path)
    }

    mutating func integer(at path: String) throws(SpecReadingError) -> Int? {
        guard let value = try double(at: path) else { return nil }
        guard let integer = Int(exactly: value) else {
            throw .invalid(path: path, message: "expected an integer, found \(value)")
        }
        return integer
    }

    mutating func strings(at path: String) throws(SpecReadingError) -> [String]? {
        guard try !skipNull() else { return nil }
        try expect(.array, at: path)
        var strings: [String] = []
        try elements { cursor, index throws(SpecReadingError) in
            let element = "\(path)[\(index)]"
            try cursor.expect(.string, at: element)
            strings.append(try cursor.string())
        }
        return strings
    }
}
