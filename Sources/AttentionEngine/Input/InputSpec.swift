import AttentionTrace
import Foundation

/// The input of a trace given as numbers: the `--input spec.json` file described
/// in `Docs/trace-format.md` and the attention conventions.
///
/// Tensors use their canonical names (`query`, `keys`, `W_a`, …). Tensors a spec
/// leaves out are generated from the seed. A spec gives each tensor inline, as nested
/// arrays of numbers, or as a tensor file (`{"file": "x.npy"}`, see ``TensorFileReference``);
/// a whole spec may also be one safetensors file (``init(safetensors:file:)``).
public struct InputSpec: Sendable {
    /// The variant the spec was written for, if it says.
    public var variant: Variant?
    /// The given tensors by canonical name.
    public var tensors: [String: Tensor]
    /// The options the spec sets.
    public var options: MechanismOptions
    /// Labels for the source positions (rows of `keys`, `X` or `memory`).
    public var sourceTokens: [String]?
    /// Labels for the target positions (rows of `query`).
    public var targetTokens: [String]?
    /// The file the spec was read from, which errors name; `nil` for a spec made from values.
    public var file: String?
    /// The file each tensor given as a file was read from, by canonical name, which shape errors name.
    public var tensorFiles: [String: String] = [:]
    /// Where given tensors came from when the spec was made from a checkpoint rather than
    /// written (`checkpoint all-MiniLM-L6-v2, tensor 'encoder.layer.0.attention.self.query.weight', transposed`),
    /// by canonical name; the trace records each as the tensor's provenance.
    public var notes: [String: String] = [:]
    /// The checkpoint the given tensors were read from, as the trace's `model` option names it;
    /// `nil` for a written spec.
    public var checkpoint: String?
    /// Tensors the checkpoint computed before the traced layer, recorded for the page and `explain`
    /// but not read by the mechanism.
    public var precomputed: [PrecomputedTensor] = []
    /// What the checkpoint's layer computes after the attention, which the engine traces after the
    /// mechanism's `output`; `nil` for a written spec, or a trace of one head.
    ///
    /// The variant must record an `output` result (the dot-product family does), and the spec must give
    /// the tensor ``LayerTail/residual`` names: `X`, or a ``precomputed`` state.
    public var tail: LayerTail?

    /// Creates a spec from values.
    public init(variant: Variant? = nil, tensors: [String: Tensor] = [:], options: MechanismOptions = MechanismOptions(),
                sourceTokens: [String]? = nil, targetTokens: [String]? = nil) {
        self.variant = variant
        self.tensors = tensors
        self.options = options
        self.sourceTokens = sourceTokens
        self.targetTokens = targetTokens
    }

    /// Reads a spec in the format its file name says: a safetensors file when `file` ends in
    /// `.safetensors` (see ``init(safetensors:file:)``), JSON otherwise (see ``init(json:file:)``).
    ///
    /// - Throws: ``TraceError`` naming the file and what is wrong in it.
    public init(data: Data, file: String) throws(TraceError) {
        if file.lowercased().hasSuffix(".safetensors") {
            try self.init(safetensors: data, file: file)
        } else {
            try self.init(json: data, file: file)
        }
    }

    /// Parses and validates a spec from JSON text; `file` names it in errors, and the tensor
    /// files it names are read relative to its folder.
    ///
    /// The text is read in one pass, each tensor straight into contiguous storage (``SpecReader``).
    ///
    /// - Throws: ``TraceError/unreadableSpec(file:reason:)`` with the line and column of a JSON
    ///   syntax error (worded by ``JSONSyntaxError``), the path of a value of the wrong type or a
    ///   ragged tensor, or what is wrong with a tensor file;
    ///   ``TraceError/unknownKey(_:path:file:suggestion:)`` for a key no reader knows;
    ///   and ``TraceError/nonFinite(tensor:index:)`` for `null` entries.
    public init(json data: Data, file: String) throws(TraceError) {
        let contents: SpecReader.Contents
        do {
            contents = try data.withUnsafeBytes(typed: { bytes throws(SpecReadingError) in try SpecReader.contents(of: bytes) })
        } catch {
            throw error.traceError(file: file, in: data)
        }
        self = contents.spec
        self.file = file
        try checkFinite()
        let folder = (file as NSString).deletingLastPathComponent
        for (name, reference) in contents.references.sorted(by: { $0.key < $1.key }) {
            let (path, tensor) = try reference.tensor(named: name, spec: file, folder: folder)
            tensors[name] = tensor
            tensorFiles[name] = path
        }
    }

    /// `error` with the file a tensor of the wrong shape was read from, when it was read from one.
    public func namingTensorFiles(in error: TraceError) -> TraceError {
        guard case .shapeMismatch(let tensor, let expected, let found, let reason) = error, let path = tensorFiles[tensor] else {
            return error
        }
        return .shapeMismatch(tensor: tensor, expected: expected, found: found, because: "\(reason); '\(tensor)' was read from \(path)")
    }

    /// Refuses the first non-finite entry, in the order of the tensors' names.
    ///
    /// - Throws: ``TraceError/nonFinite(tensor:index:)``.
    func checkFinite() throws(TraceError) {
        for (name, tensor) in tensors.sorted(by: { $0.key < $1.key }) {
            if let offset = tensor.scalars.firstIndex(where: { !$0.isFinite }) {
                throw .nonFinite(tensor: name, index: tensor.index(ofOffset: offset))
            }
        }
    }
}

/// What is wrong with a spec's text, found while reading it; ``InputSpec/init(json:file:)``
/// turns it into a ``TraceError`` naming the file.
enum SpecReadingError: Error {
    /// The text is not JSON; ``JSONSyntaxError`` says why and where.
    case syntax
    /// A number beyond the largest `Double`, as written.
    case unrepresentable(String)
    /// A key no reader knows, where it is, and the closest known key.
    case unknownKey(String, path: String, suggestion: String?)
    /// A value that is of the wrong type or means nothing, at `path` (`""` for the top level).
    case invalid(path: String, message: String)

    /// The error to report for this one in the spec `file` whose text is `data`.
    ///
    /// A syntax error anywhere in the text is reported before whatever the one pass met first,
    /// as a parser that reads the whole text before looking at it would.
    func traceError(file: String, in data: Data) -> TraceError {
        if let syntax = JSONSyntaxError(validating: data) {
            return .unreadableSpec(file: file, reason: "malformed JSON: \(syntax)")
        }
        switch self {
        case .syntax:
            return .unreadableSpec(file: file, reason: "malformed JSON")
        case .unrepresentable(let text):
            return .unreadableSpec(file: file, reason: "the number \(text) is not representable (beyond ±1.8e308, the largest Double)")
        case .unknownKey(let key, let path, let suggestion):
            return .unknownKey(key, path: path, file: file, suggestion: suggestion)
        case .invalid(let path, let message):
            return .unreadableSpec(file: file, reason: "invalid spec at \(path.isEmpty ? "the top level" : path): \(message)")
        }
    }
}

extension Tensor {
    /// The coordinates of the entry at row-major `offset`.
    func index(ofOffset offset: Int) -> [Int] {
        var remainder = offset
        return shape.indices.reversed().map { dimension in
            defer { remainder /= shape[dimension] }
            return remainder % shape[dimension]
        }.reversed()
    }
}
