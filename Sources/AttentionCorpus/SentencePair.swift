/// An English sentence, its French translation, and which English words each French word translates.
///
/// Tokens are as the engine's `Tokenizer` splits the sentence text: lower-case words and
/// punctuation marks, with an elided article or negation kept with its apostrophe (`l'`, `n'`).
public struct SentencePair: Hashable, Codable, Sendable {
    /// The English tokens.
    public var source: [String]
    /// The French tokens.
    public var target: [String]
    /// For each target position, the gold-aligned source positions: 0-based and sorted. Every
    /// French word the grammar produces has at least one (Docs/corpus.md gives the rules).
    public var alignment: [[Int]]

    /// Creates a pair from its tokens and alignment.
    ///
    /// - Parameters:
    ///   - source: The English tokens.
    ///   - target: The French tokens.
    ///   - alignment: One list of source positions for each target token.
    public init(source: [String], target: [String], alignment: [[Int]]) {
        self.source = source
        self.target = target
        self.alignment = alignment
    }

    /// The English sentence as text: the tokens separated by spaces, with no space before a
    /// punctuation mark.
    public var sourceText: String { Self.text(of: source) }

    /// The French sentence as text: as ``sourceText``, and with an elided word joined to the
    /// word after it (`l'homme`).
    public var targetText: String { Self.text(of: target) }

    /// `tokens` written as a sentence the tokenizer splits back into the same tokens: separated
    /// by spaces, with none before a punctuation mark or after an elided word (`l'homme`).
    public static func text(of tokens: [String]) -> String {
        var text = ""
        for token in tokens {
            let joinsPrevious = text.isEmpty || text.hasSuffix("'") || TokenSpelling.isPunctuation(token)
            if !joinsPrevious { text += " " }
            text += token
        }
        return text
    }
}
