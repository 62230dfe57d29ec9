import AttentionTrace
import Foundation

/// The input of a trace given as numbers: the `--input spec.json` file described
/// in `Docs/trace-format.md` and the attention conventions.
///
/// Tensors use their canonical names (`query`, `keys`, `W_a`, …). Tensors a spec
/// leaves out are generated from the seed.
public struct InputSpec: Decodable, Sendable {
    /// The variant the spec was written for, if it says.
    public var variant: String?
    /// The given tensors by canonical name.
    public var tensors: [String: Tensor]
    /// The options the spec sets.
    public var options: Options
    /// Labels for the source positions (rows of `keys`, `X` or `memory`).
    public var sourceTokens: [String]?
    /// Labels for the target positions (rows of `query`).
    public var targetTokens: [String]?

    /// Options that select a score function, a head count, a window or a mask.
    public struct Options: Decodable, Sendable, Equatable {
        /// The number of heads, for multi-head and cross attention.
        public var heads: Int?
        /// The half-width D of a local window.
        public var window: Int?
        /// Whether to mask future positions.
        public var causal: Bool?
        /// The score function of global attention: `dot`, `general` or `concat`.
        public var score: String?

        /// Creates options; `nil` means "not set".
        public init(heads: Int? = nil, window: Int? = nil, causal: Bool? = nil, score: String? = nil) {
            self.heads = heads
            self.window = window
            self.causal = causal
            self.score = score
        }
    }

    private enum CodingKeys: String, CodingKey {
        case variant, tensors, options, sourceTokens, targetTokens
    }

    /// Creates a spec from values.
    public init(variant: String? = nil, tensors: [String: Tensor] = [:], options: Options = Options(),
                sourceTokens: [String]? = nil, targetTokens: [String]? = nil) {
        self.variant = variant
        self.tensors = tensors
        self.options = options
        self.sourceTokens = sourceTokens
        self.targetTokens = targetTokens
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        variant = try container.decodeIfPresent(String.self, forKey: .variant)
        tensors = try container.decodeIfPresent([String: Tensor].self, forKey: .tensors) ?? [:]
        options = try container.decodeIfPresent(Options.self, forKey: .options) ?? Options()
        sourceTokens = try container.decodeIfPresent([String].self, forKey: .sourceTokens)
        targetTokens = try container.decodeIfPresent([String].self, forKey: .targetTokens)
    }

    /// Parses and validates a spec from JSON text; `file` names it in errors.
    ///
    /// - Throws: ``TraceError/unreadableSpec(file:reason:)`` with the line and
    ///   column of a JSON syntax error or the path of a value of the wrong type,
    ///   and ``TraceError/nonFinite(tensor:index:)`` for NaN, infinite or `null` entries.
    public init(json data: Data, file: String) throws {
        do {
            self = try JSONDecoder().decode(InputSpec.self, from: data)
        } catch let error as DecodingError {
            throw TraceError.unreadableSpec(file: file, reason: InputSpec.describe(error, in: data))
        }
        for (name, tensor) in tensors.sorted(by: { $0.key < $1.key }) {
            if let offset = tensor.scalars.firstIndex(where: { !$0.isFinite }) {
                throw TraceError.nonFinite(tensor: name, index: tensor.index(ofOffset: offset))
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
        codingPath.reduce("") { path, key in
            key.intValue.map { "\(path)[\($0)]" } ?? (path.isEmpty ? key.stringValue : "\(path).\(key.stringValue)")
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
