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
