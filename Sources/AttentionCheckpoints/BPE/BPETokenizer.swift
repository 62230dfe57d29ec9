import Foundation

/// One token of a byte-level BPE tokenisation: its text and its row of the embedding table.
public struct BPEToken: Equatable, Sendable {
    /// The token as the vocabulary spells it, in ``ByteLevelAlphabet`` (`Ġcat` is " cat").
    public var text: String
    /// Its id, its value in `vocab.json`.
    public var id: Int
}

/// One rule of `merges.txt`: two adjacent symbols that become one.
public struct BPEMerge: Hashable, Sendable {
    /// The first symbol.
    public var left: String
    /// The second symbol.
    public var right: String

    /// Creates the rule merging `left` and `right`.
    public init(_ left: String, _ right: String) {
        self.left = left
        self.right = right
    }
}

/// GPT-2's tokenizer: a regular-expression split into words, then byte-level BPE, as `transformers`' `GPT2Tokenizer`.
///
/// 1. The text is split by ``wordPattern`` (contractions, letters, numbers, other symbols, each with at
///    most one leading space, and runs of whitespace); with ``Splitting/digitsFirst``, every digit is
///    cut out on its own first, and the pattern splits the pieces between.
/// 2. Each word's UTF-8 bytes are spelt in ``ByteLevelAlphabet``, one symbol a byte.
/// 3. While some adjacent pair of symbols is a merge, the pair of lowest rank (earliest line of
///    `merges.txt`) is merged, at every place it occurs, left to right.
/// 4. Each resulting symbol is looked up in the vocabulary.
///
/// No special token is added or recognised (GPT-2 adds none), and no text is normalised.
public struct BPETokenizer: Sendable {
    /// How text is split into words before BPE: llama.cpp's `tokenizer.ggml.pre`.
    public enum Splitting: String, CaseIterable, Sendable {
        /// ``wordPattern`` alone: GPT-2 (`pre` = `gpt2`).
        case gpt2
        /// Each digit (`\p{N}`) alone, then ``wordPattern`` on the text between: StarCoder's and SmolLM's
        /// `Digits(individual_digits=True)` before `ByteLevel` (llama.cpp's `pre` = `smollm`).
        case digitsFirst = "smollm"
    }

    /// Every token's id.
    public let ids: [String: Int]
    /// Each merge's rank: its position among the merges (from 0).
    public let ranks: [BPEMerge: Int]
    /// How words are split.
    public let splitting: Splitting
    private let pattern: NSRegularExpression
    private let digit: NSRegularExpression?

    /// GPT-2's pre-tokenisation pattern, as `transformers` and `tokenizers` write it.
    ///
    /// ICU's `\s` is Unicode's White_Space (tab to carriage return, U+0085 and the separators), as is
    /// the `\s` of `tokenizers`' Oniguruma; the information separators U+001C … U+001F are not spaces.
    public static let wordPattern = #"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"#

    /// Creates a tokenizer from a vocabulary (token → id) and the merges, in rank order.
    ///
    /// A merge listed twice keeps its later rank (GPT-2's `merges.txt` lists none twice).
    public init(ids: [String: Int], merges: [BPEMerge], splitting: Splitting = .gpt2) {
        self.ids = ids
        var ranks: [BPEMerge: Int] = [:]
        for (rank, merge) in merges.enumerated() { ranks[merge] = rank }
        self.ranks = ranks
        self.splitting = splitting
        do {
            self.pattern = try NSRegularExpression(pattern: Self.wordPattern)
            self.digit = splitting == .digitsFirst ? try NSRegularExpression(pattern: #"\p{N}"#) : nil
        } catch {
            preconditionFailure("the word pattern does not compile: \(error)")
        }
    }

    /// Reads a vocabulary in the `vocab.json` form: one JSON object from token to id.
    ///
    /// - Throws: ``CheckpointError/invalidVocabulary(file:reason:)`` if it is not such an object or is empty.
    public static func vocabulary(fromVocabJSON data: Data, file: String = "vocab.json") throws -> [String: Int] {
        guard let object = try? JSONSerialization.jsonObject(with: data), let fields = object as? [String: Any] else {
            throw CheckpointError.invalidVocabulary(file: file, reason: "it is not a JSON object")
        }
        var ids: [String: Int] = [:]
        for (token, value) in fields {
            guard let number = value as? NSNumber, !ConfigurationFields.isBoolean(number),
                  let id = Int(exactly: number.doubleValue), id >= 0 else {
                throw CheckpointError.invalidVocabulary(file: file, reason: "token '\(token)' has id \(value), not a natural number")
            }
            ids[token] = id
        }
        guard !ids.isEmpty else { throw CheckpointError.invalidVocabulary(file: file, reason: "it lists no tokens") }
        return ids
    }

    /// Reads the merges of a `merges.txt`: one merge a line, its two symbols separated by one space.
    ///
    /// A first line starting with `#version` and empty lines are skipped.
    ///
    /// - Throws: ``CheckpointError/invalidVocabulary(file:reason:)`` naming the first line that is not a merge.
    public static func merges(fromMergesFile data: Data, file: String = "merges.txt") throws -> [BPEMerge] {
        guard let text = String(data: data, encoding: .utf8) else {
            throw CheckpointError.invalidVocabulary(file: file, reason: "it is not UTF-8 text")
        }
        var merges: [BPEMerge] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || (index == 0 && line.hasPrefix("#version")) { continue }
            let symbols = line.split(separator: " ", omittingEmptySubsequences: false)
            guard symbols.count == 2, !symbols[0].isEmpty, !symbols[1].isEmpty else {
                throw CheckpointError.invalidVocabulary(
                    file: file, reason: "line \(index + 1) is not two symbols separated by one space: '\(line)'")
            }
            merges.append(BPEMerge(String(symbols[0]), String(symbols[1])))
        }
        return merges
    }

    /// The words `text` splits into by ``splitting``, as written (before the byte spelling).
    ///
    /// The patterns work on code points, so a word may end inside a Swift `Character` (`\r` of `\r\n`, a
    /// letter before its combining accent); words are cut from the UTF-16 text, never rounded to characters.
    public func words(in text: String) -> [String] {
        let utf16 = NSString(string: text), whole = NSRange(location: 0, length: utf16.length)
        guard let digit else { return words(in: text, utf16, range: whole) }
        var words: [String] = [], start = 0
        for match in digit.matches(in: text, range: whole) {
            words += self.words(in: text, utf16, range: NSRange(location: start, length: match.range.location - start))
            words.append(utf16.substring(with: match.range))
            start = NSMaxRange(match.range)
        }
        return words + self.words(in: text, utf16, range: NSRange(location: start, length: utf16.length - start))
    }

    /// The words ``wordPattern`` finds in `range` of `text` (whose UTF-16 view is `utf16`), the range
    /// read as a text of its own: a lookahead does not see past it (the matcher's bounds are opaque).
    private func words(in text: String, _ utf16: NSString, range: NSRange) -> [String] {
        pattern.matches(in: text, range: range).map { utf16.substring(with: $0.range) }
    }

    /// The symbols BPE merges one word's byte spelling into.
    ///
    /// - Complexity: O(m²) for a word of m bytes.
    public func symbols(of word: String) -> [String] {
        var symbols = ByteLevelAlphabet.spelling(word)
        while symbols.count > 1 {
            let ranked = zip(symbols, symbols.dropFirst()).compactMap { ranks[BPEMerge($0, $1)] }
            guard let best = ranked.min() else { break }
            var merged: [String] = [], index = 0
            while index < symbols.count {
                if index + 1 < symbols.count, ranks[BPEMerge(symbols[index], symbols[index + 1])] == best {
                    merged.append(symbols[index] + symbols[index + 1])
                    index += 2
                } else {
                    merged.append(symbols[index])
                    index += 1
                }
            }
            symbols = merged
        }
        return symbols
    }

    /// The tokens of one word.
    ///
    /// - Throws: ``CheckpointError/unknownPiece(_:word:)`` if a merged symbol is not in the vocabulary.
    public func tokens(of word: String) throws -> [BPEToken] {
        try symbols(of: word).map { symbol in
            guard let id = ids[symbol] else { throw CheckpointError.unknownPiece(symbol, word: word) }
            return BPEToken(text: symbol, id: id)
        }
    }

    /// The tokens of `text`: its words' tokens in order, with nothing added.
    ///
    /// - Throws: As ``tokens(of:)``.
    public func encode(_ text: String) throws -> [BPEToken] {
        try words(in: text).flatMap(tokens(of:))
    }
}
