import Foundation

extension Corpus {
    /// The corpus as JSON that decodes back into it: `{"train": [...], "heldOut": [...]}` with
    /// one pair a line, each `{"alignment":…,"source":…,"target":…}`.
    ///
    /// - Throws: `EncodingError` from Foundation's encoder (which a pair's strings and
    ///   integers never cause).
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        func lines(_ pairs: [SentencePair]) throws -> String {
            try pairs.map { String(decoding: try encoder.encode($0), as: UTF8.self) }.joined(separator: ",\n")
        }
        return "{\n\"train\": [\n\(try lines(train))\n],\n\"heldOut\": [\n\(try lines(heldOut))\n]\n}\n"
    }

    /// The corpus as tab-separated values for reading: a header, then one line a pair with its
    /// split (`train` or `held-out`), its English and French text, and its alignment in the
    /// Pharaoh format of word aligners (`i-j` for English position i and French position j,
    /// 0-based, in French order).
    public var tsv: String {
        var text = "split\tsource\ttarget\talignment\n"
        for (split, pairs) in [("train", train), ("held-out", heldOut)] {
            for pair in pairs {
                let links = pair.alignment.enumerated().flatMap { target, sources in sources.map { "\($0)-\(target)" } }
                text += "\(split)\t\(pair.sourceText)\t\(pair.targetText)\t\(links.joined(separator: " "))\n"
            }
        }
        return text
    }
}

extension Corpus {
    /// Reads a corpus from JSON of the form ``json()`` writes, and checks every pair.
    ///
    /// - Parameter data: The JSON: `{"train": [...], "heldOut": [...]}` of pairs with
    ///   `source`, `target` and `alignment`.
    /// - Throws: ``CorpusError/malformedJSON(_:)`` naming where the JSON leaves that form, and
    ///   ``CorpusError/invalidPair(split:index:reason:)`` for a pair with an empty side, an
    ///   alignment with a row count other than its target's length, or a row that is not sorted
    ///   distinct positions within the source.
    public init(json data: Data) throws {
        do {
            self = try JSONDecoder().decode(Corpus.self, from: data)
        } catch let error as DecodingError {
            throw CorpusError.malformedJSON(Self.reason(error, in: data))
        }
        for (split, pairs) in [("train", train), ("held-out", heldOut)] {
            for (index, pair) in pairs.enumerated() {
                if let problem = pair.problem { throw CorpusError.invalidPair(split: split, index: index, reason: problem) }
            }
        }
    }

    /// JSONSerialization's message for text that is not JSON, such as "Invalid value around
    /// character 10.", or `nil` when it parses.
    private static func syntaxError(in data: Data) -> String? {
        do {
            _ = try JSONSerialization.jsonObject(with: data)
            return nil
        } catch {
            return (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
        }
    }

    /// One line for a decoding error: what was wrong, and the path to it.
    private static func reason(_ error: DecodingError, in data: Data) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let path = context.codingPath.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined()
            return path.isEmpty ? "at the top level" : "at \(path.dropFirst(path.hasPrefix(".") ? 1 : 0))"
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "no '\(key.stringValue)' \(path(context))"
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return "expected \(type) \(path(context))"
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return syntaxError(in: data) ?? context.debugDescription
        case .dataCorrupted(let context):
            return "\(context.debugDescription) \(path(context))"
        @unknown default:
            return "\(error)"
        }
    }
}

extension SentencePair {
    /// What breaks the rules of a pair, or `nil`: both sides have tokens, and the alignment has
    /// one row per target token, each sorted distinct positions within the source.
    var problem: String? {
        if source.isEmpty { return "has no source tokens" }
        if target.isEmpty { return "has no target tokens" }
        if alignment.count != target.count {
            return "has \(alignment.count) alignment rows for \(target.count) target tokens"
        }
        for (position, row) in alignment.enumerated() {
            if let outside = row.first(where: { !source.indices.contains($0) }) {
                return "aligns target token \(position) to source position \(outside), outside its \(source.count) tokens"
            }
            if zip(row, row.dropFirst()).contains(where: { $0 >= $1 }) {
                return "aligns target token \(position) to \(row), which is not sorted distinct positions"
            }
        }
        return nil
    }
}
