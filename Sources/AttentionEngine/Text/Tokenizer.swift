/// A token of a sentence: its text as typed, and the lower-cased form the model reads.
public struct Token: Hashable, Sendable {
    /// The spelling in the original sentence, used as the token's label.
    public let label: String
    /// The lower-cased text that selects the token's embedding.
    public let text: String
}

/// Splits a sentence into words and punctuation marks.
///
/// A word is a maximal run of letters, digits and marks (so accents stay with
/// their letter); an apostrophe inside a word ends it and stays attached to the
/// left part, as in French elision (`l'homme` → `l'`, `homme`); every other
/// non-space character is a token of its own. Labels keep the original spelling;
/// the model reads the lower-cased text.
public struct Tokenizer: Sendable {
    /// Creates a tokenizer.
    public init() {}

    /// The tokens of `sentence`, in order. Whitespace separates tokens and is dropped.
    public func tokens(of sentence: String) -> [Token] {
        var tokens: [Token] = []
        var word = ""
        func flush() {
            if !word.isEmpty { tokens.append(Token(label: word, text: word.lowercased())) }
            word = ""
        }
        for character in sentence {
            if isWordCharacter(character) {
                word.append(character)
            } else if isApostrophe(character) && !word.isEmpty {
                word.append(character)
                flush()
            } else {
                flush()
                if !character.isWhitespace {
                    tokens.append(Token(label: String(character), text: String(character).lowercased()))
                }
            }
        }
        flush()
        return tokens
    }

    private func isWordCharacter(_ character: Character) -> Bool {
        character.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                || scalar.properties.generalCategory == .nonspacingMark
        }
    }

    private func isApostrophe(_ character: Character) -> Bool {
        character == "'" || character == "\u{2019}"
    }
}
