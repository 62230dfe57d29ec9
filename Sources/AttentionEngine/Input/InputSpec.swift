import AttentionTrace
import Foundation
import NameSuggestions

/// The input of a trace given as numbers: the `--input spec.json` file described
/// in `Docs/trace-format.md` and the attention conventions.
///
/// Tensors use their canonical names (`query`, `keys`, `W_a`, …). Tensors a spec
/// leaves out are generated from the seed.
public struct InputSpec: Decodable, Sendable {
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
    /// Where given tensors came from when the spec was made from a checkpoint rather than
    /// written (`checkpoint all-MiniLM-L6-v2, tensor 'encoder.layer.0.attention.self.query.weight', transposed`),
    /// by canonical name; the trace records each as the tensor's provenance.
    public var notes: [String: String] = [:]
    /// The checkpoint the given tensors were read from, as the trace's `model` option names it;
    /// `nil` for a written spec.
    public var checkpoint: String?

    /// The keys of a spec's top level, as `Docs/trace-format.md` lists them.
    static let keys = ["variant", "tensors", "options", "sourceTokens", "targetTokens"]

    /// Creates a spec from values.
    public init(variant: Variant? = nil, tensors: [String: Tensor] = [:], options: MechanismOptions = MechanismOptions(),
                sourceTokens: [String]? = nil, targetTokens: [String]? = nil) {
        self.variant = variant
        self.tensors = tensors
        self.options = options
        self.sourceTokens = sourceTokens
        self.targetTokens = targetTokens
    }

    /// Decodes a spec, refusing every key it does not know at the top level and in `options`.
    ///
    /// - Throws: ``SpecReadingError`` for an unknown key, variant or score; `DecodingError`
    ///   for a value of the wrong type.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: SpecKey.self)
        try SpecKey.refuseUnknown(in: container, known: Self.keys, path: "at the top level")
        if let name = try container.decodeIfPresent(String.self, forKey: SpecKey("variant")) {
            guard let variant = Variant(rawValue: name) else {
                throw SpecReadingError.invalid(path: "variant", message: TraceError.unknownVariant(name).description)
            }
            self.variant = variant
        }
        tensors = try container.decodeIfPresent([String: Tensor].self, forKey: SpecKey("tensors")) ?? [:]
        options = MechanismOptions()
        if container.contains(SpecKey("options")) {
            let nested = try container.nestedContainer(keyedBy: SpecKey.self, forKey: SpecKey("options"))
            try SpecKey.refuseUnknown(in: nested, known: MechanismOption.allCases.map(\.rawValue), path: "in options")
            options.heads = try nested.decodeIfPresent(Int.self, forKey: SpecKey(MechanismOption.heads.rawValue))
            options.window = try nested.decodeIfPresent(Int.self, forKey: SpecKey(MechanismOption.window.rawValue))
            options.causal = try nested.decodeIfPresent(Bool.self, forKey: SpecKey(MechanismOption.causal.rawValue))
            options.slidingWindow = try nested.decodeIfPresent(Int.self, forKey: SpecKey(MechanismOption.slidingWindow.rawValue))
            options.alibi = try nested.decodeIfPresent(Bool.self, forKey: SpecKey(MechanismOption.alibi.rawValue))
            options.kvHeads = try nested.decodeIfPresent(Int.self, forKey: SpecKey(MechanismOption.kvHeads.rawValue))
            options.ropeBase = try nested.decodeIfPresent(Double.self, forKey: SpecKey(MechanismOption.ropeBase.rawValue))
            options.ropeDims = try nested.decodeIfPresent(Int.self, forKey: SpecKey(MechanismOption.ropeDims.rawValue))
            options.sinks = try nested.decodeIfPresent(Bool.self, forKey: SpecKey(MechanismOption.sinks.rawValue))
            options.blockSize = try nested.decodeIfPresent(Int.self, forKey: SpecKey(MechanismOption.blockSize.rawValue))
            options.prefill = try nested.decodeIfPresent(Int.self, forKey: SpecKey(MechanismOption.prefill.rawValue))
            options.sinkTokens = try nested.decodeIfPresent(Int.self, forKey: SpecKey(MechanismOption.sinkTokens.rawValue))
            options.bias = try nested.decodeIfPresent(Bool.self, forKey: SpecKey(MechanismOption.bias.rawValue))
            if let pairing = try nested.decodeIfPresent(String.self, forKey: SpecKey(MechanismOption.rope.rawValue)) {
                do {
                    options.rope = try RotaryPairing(named: pairing)
                } catch {
                    throw SpecReadingError.invalid(path: "options.rope", message: error.description)
                }
            }
            if let score = try nested.decodeIfPresent(String.self, forKey: SpecKey(MechanismOption.score.rawValue)) {
                do {
                    options.score = try ScoreFunction(named: score)
                } catch {
                    throw SpecReadingError.invalid(path: "options.score", message: error.description)
                }
            }
        }
        sourceTokens = try container.decodeIfPresent([String].self, forKey: SpecKey("sourceTokens"))
        targetTokens = try container.decodeIfPresent([String].self, forKey: SpecKey("targetTokens"))
    }

    /// Parses and validates a spec from JSON text; `file` names it in errors.
    ///
    /// - Throws: ``TraceError/unreadableSpec(file:reason:)`` with the line and
    ///   column of a JSON syntax error or the path of a value of the wrong type,
    ///   ``TraceError/unknownKey(_:path:file:suggestion:)`` for a key no reader knows,
    ///   and ``TraceError/nonFinite(tensor:index:)`` for NaN, infinite or `null` entries.
    public init(json data: Data, file: String) throws(TraceError) {
        do {
            self = try JSONDecoder().decode(InputSpec.self, from: data)
        } catch let error as DecodingError {
            throw .unreadableSpec(file: file, reason: InputSpec.describe(error, in: data))
        } catch SpecReadingError.unknownKey(let key, let path, let suggestion) {
            throw .unknownKey(key, path: path, file: file, suggestion: suggestion)
        } catch SpecReadingError.invalid(let path, let message) {
            throw .unreadableSpec(file: file, reason: "invalid spec at \(path): \(message)")
        } catch {
            throw .unreadableSpec(file: file, reason: "\(error)")
        }
        self.file = file
        for (name, tensor) in tensors.sorted(by: { $0.key < $1.key }) {
            if let offset = tensor.scalars.firstIndex(where: { !$0.isFinite }) {
                throw .nonFinite(tensor: name, index: tensor.index(ofOffset: offset))
            }
        }
    }

    private static func describe(_ error: DecodingError, in data: Data) -> String {
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return "malformed JSON: " + (JSONSyntaxError(validating: data)?.description ?? "the text is not a JSON object")
        case .dataCorrupted(let context), .typeMismatch(_, let context), .valueNotFound(_, let context),
             .keyNotFound(_, let context):
            return "invalid spec at \(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "invalid spec: \(error)"
        }
    }

    private static func path(_ codingPath: [CodingKey]) -> String {
        guard !codingPath.isEmpty else { return "the top level" }
        return codingPath.reduce("") { path, key in
            key.intValue.map { "\(path)[\($0)]" } ?? (path.isEmpty ? printable(key.stringValue) : "\(path).\(printable(key.stringValue))")
        }
    }
}

/// What is wrong with a spec beyond JSON types, found while decoding it;
/// ``InputSpec/init(json:file:)`` turns it into a ``TraceError`` naming the file.
enum SpecReadingError: Error {
    /// A key no reader knows, where it is, and the closest known key.
    case unknownKey(String, path: String, suggestion: String?)
    /// A value of the right type that means nothing, at `path`.
    case invalid(path: String, message: String)
}

/// Any key of a spec object, so that unknown ones can be listed.
struct SpecKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }

    init(_ name: String) {
        stringValue = name
    }

    init?(stringValue: String) {
        self.stringValue = stringValue
    }

    init?(intValue: Int) {
        nil
    }

    /// Throws for the first key of `container` (in sorted order) that is not in `known`.
    static func refuseUnknown(in container: KeyedDecodingContainer<SpecKey>, known: [String], path: String) throws {
        if let unknown = container.allKeys.map(\.stringValue).sorted().first(where: { !known.contains($0) }) {
            throw SpecReadingError.unknownKey(unknown, path: path, suggestion: closestName(to: unknown, among: known))
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
