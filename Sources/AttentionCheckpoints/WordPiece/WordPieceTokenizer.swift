import Foundation

/// One word piece of a tokenised sentence: its text and its row of the embedding table.
public struct WordPiece: Equatable, Sendable {
    /// The piece as the vocabulary spells it (`##` marks a piece that continues a word).
    public var text: String
    /// Its id, the line of `vocab.txt` it is on (from 0).
    public var id: Int
}

/// BERT's tokenizer: ``BasicTokenizer``, then greedy longest-match-first WordPiece, framed by `[CLS]` and `[SEP]`.
///
/// Each word of up to ``maxWordLength`` characters is cut from its start into the longest piece
/// the vocabulary holds, then again from where that piece ended, later pieces looked up with the
/// `##` prefix; if some point of the word starts no piece, or the word is longer, the whole word
/// becomes `[UNK]`. This is `transformers`' `WordpieceTokenizer` (`max_input_chars_per_word = 100`).
///
/// As in `transformers`, a special token written in the text exactly as the vocabulary spells it
/// (`[MASK]`, `[SEP]`, …, case-sensitive, anywhere, even inside a word) is that token, and the text
/// on either side of it is tokenised on its own.
public struct WordPieceTokenizer: Sendable {
    /// Words longer than this many characters (Unicode scalars) become `[UNK]`.
    public static let maxWordLength = 100
    /// The first pass, into words.
    public let basic: BasicTokenizer
    /// Every piece's id.
    public let ids: [String: Int]
    let unknownID: Int, classID: Int, separatorID: Int
    /// The special tokens the vocabulary holds, longest first, as ``encode(_:)`` looks for them in text.
    let specialTokens: [WordPiece]

    /// The special tokens of BERT's vocabularies.
    public static let specialTokenNames = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]

    /// Creates a tokenizer from a vocabulary (piece → id) and the basic tokenizer's settings.
    ///
    /// - Throws: ``CheckpointError/invalidVocabulary(file:reason:)`` if `[UNK]`, `[CLS]` or `[SEP]` is missing.
    public init(ids: [String: Int], basic: BasicTokenizer, file: String = "vocab.txt") throws {
        func special(_ token: String) throws -> Int {
            guard let id = ids[token] else {
                throw CheckpointError.invalidVocabulary(file: file, reason: "it has no special token '\(token)'")
            }
            return id
        }
        self.unknownID = try special("[UNK]")
        self.classID = try special("[CLS]")
        self.separatorID = try special("[SEP]")
        self.specialTokens = Self.specialTokenNames.compactMap { name in ids[name].map { WordPiece(text: name, id: $0) } }
            .sorted { $0.text.unicodeScalars.count > $1.text.unicodeScalars.count }
        self.ids = ids
        self.basic = basic
    }

    /// Reads a vocabulary in the `vocab.txt` form: one piece a line, its id the line's index.
    ///
    /// As `transformers`' `load_vocab`, only the line break ends a piece, and a piece listed twice
    /// takes the later line's id.
    ///
    /// - Throws: ``CheckpointError/invalidVocabulary(file:reason:)`` if the file is not UTF-8 or is empty.
    public static func vocabulary(fromVocabFile data: Data, file: String = "vocab.txt") throws -> [String: Int] {
        guard let text = String(data: data, encoding: .utf8) else {
            throw CheckpointError.invalidVocabulary(file: file, reason: "it is not UTF-8 text")
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        guard !lines.isEmpty else { throw CheckpointError.invalidVocabulary(file: file, reason: "it lists no word pieces") }
        var ids: [String: Int] = [:]
        for (index, line) in lines.enumerated() { ids[String(line)] = index }
        return ids
    }

    /// The word pieces of one word, or `[UNK]` alone.
    public func pieces(of word: String) -> [WordPiece] {
        let scalars = Array(word.unicodeScalars)
        let unknown = [WordPiece(text: "[UNK]", id: unknownID)]
        guard scalars.count <= Self.maxWordLength else { return unknown }
        var pieces: [WordPiece] = [], start = 0
        while start < scalars.count {
            var end = scalars.count, match: WordPiece?
            while start < end {
                let text = (start > 0 ? "##" : "") + String(String.UnicodeScalarView(scalars[start..<end]))
                if let id = ids[text] {
                    match = WordPiece(text: text, id: id)
                    break
                }
                end -= 1
            }
            guard let found = match else { return unknown }
            pieces.append(found)
            start = end
        }
        return pieces
    }

    /// The pieces of `text`, framed as BERT reads one sentence: `[CLS]`, the pieces, `[SEP]`.
    public func encode(_ text: String) -> [WordPiece] {
        var encoded = [WordPiece(text: "[CLS]", id: classID)], rest = Substring(text)
        while let (range, special) = firstSpecialToken(in: rest) {
            encoded += basic.words(in: String(rest[..<range.lowerBound])).flatMap(pieces(of:)) + [special]
            rest = rest[range.upperBound...]
        }
        return encoded + basic.words(in: String(rest)).flatMap(pieces(of:)) + [WordPiece(text: "[SEP]", id: separatorID)]
    }

    /// The earliest special token spelled out in `text` (the longest of those starting there), compared scalar by scalar.
    private func firstSpecialToken(in text: Substring) -> (Range<Substring.Index>, WordPiece)? {
        specialTokens.compactMap { token in text.range(of: token.text, options: .literal).map { ($0, token) } }
            .min { $0.0.lowerBound < $1.0.lowerBound }
    }
}
