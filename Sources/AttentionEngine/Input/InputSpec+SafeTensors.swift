import AttentionTrace
import Foundation
import NameSuggestions
import SafeTensors

extension InputSpec {
    /// The keys of a safetensors spec's `__metadata__`: the JSON spec's top-level keys but
    /// `tensors` (the file's tensors are the spec's), and `format`, which Hugging Face's
    /// `save_model` writes and a spec ignores.
    static let metadataKeys = SpecReader.keys.filter { $0 != "tensors" } + ["format"]

    /// Reads a whole spec from one safetensors file (`--input model.safetensors`).
    ///
    /// Every tensor of the file is a given tensor under its canonical name (`X`, `W_Q`, …), in
    /// float64 or float32. The `__metadata__` map may hold `variant` (a variant's name),
    /// `options` (the JSON text of a spec's `options` object) and `sourceTokens` and
    /// `targetTokens` (the JSON text of an array of strings each).
    ///
    /// - Throws: ``TraceError/unreadableSpec(file:reason:)`` naming the file (and the tensor or
    ///   metadata key) for a malformed file, another dtype or a value that means nothing;
    ///   ``TraceError/unknownKey(_:path:file:suggestion:)`` for an unknown metadata key; and
    ///   ``TraceError/nonFinite(tensor:index:)`` for NaN or infinite entries.
    public init(safetensors data: Data, file: String) throws(TraceError) {
        let contents: SafeTensorsFile
        do {
            contents = try SafeTensorsFile(bytes: data)
        } catch {
            throw .unreadableSpec(file: file, reason: "not a safetensors file: \(error)")
        }
        self.init()
        self.file = file
        let metadata = contents.metadata
        if let unknown = metadata.keys.sorted().first(where: { !Self.metadataKeys.contains($0) }) {
            throw .unknownKey(unknown, path: "in __metadata__", file: file, suggestion: closestName(to: unknown, among: Self.metadataKeys))
        }
        if let name = metadata["variant"] {
            guard let variant = Variant(rawValue: name) else {
                throw .unreadableSpec(file: file, reason: "invalid spec at __metadata__.variant: \(TraceError.unknownVariant(name))")
            }
            self.variant = variant
        }
        options = try Self.metadata("options", of: metadata, file: file) { bytes, path throws(SpecReadingError) in
            try SpecReader.options(of: bytes, at: path)
        } ?? MechanismOptions()
        sourceTokens = try Self.metadata("sourceTokens", of: metadata, file: file, SpecReader.strings(of:at:)) ?? nil
        targetTokens = try Self.metadata("targetTokens", of: metadata, file: file, SpecReader.strings(of:at:)) ?? nil
        for name in contents.names {
            do {
                tensors[name] = try contents.floatingPointTensor(named: name)
                tensorFiles[name] = file
            } catch {
                throw .unreadableSpec(file: file, reason: "tensor '\(printable(name))': \(error)")
            }
        }
        try checkFinite()
    }

    /// The value of the metadata entry `key`, JSON text, as `read` reads it; `nil` when absent.
    private static func metadata<Value>(_ key: String, of metadata: [String: String], file: String,
                                        _ read: (UnsafeRawBufferPointer, String) throws(SpecReadingError) -> Value)
        throws(TraceError) -> Value? {
        guard let text = metadata[key] else { return nil }
        let data = Data(text.utf8)
        do {
            return try data.withUnsafeBytes(typed: { bytes throws(SpecReadingError) in try read(bytes, "__metadata__." + key) })
        } catch {
            throw error.traceError(file: "\(file): __metadata__ '\(key)'", in: data)
        }
    }
}
