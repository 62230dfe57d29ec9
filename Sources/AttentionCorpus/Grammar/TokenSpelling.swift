import Foundation

/// What the grammar needs to know about a token's spelling, by the tokenizer's rules.
///
/// The engine's tokenizer makes a word of a run of letters, digits and combining marks, ends
/// a word after an apostrophe (French elision: `l'`, `n'`), and makes every other non-space
/// character a token of its own. A grammar value is one such token, in lower case.
enum TokenSpelling {
    /// Whether `value` is a single lower-case token: a word, a word ending in one apostrophe,
    /// or one punctuation mark.
    static func isToken(_ value: String) -> Bool {
        guard !value.isEmpty, value == value.lowercased() else { return false }
        if isPunctuation(value) { return true }
        let word = value.hasSuffix("'") ? value.dropLast() : Substring(value)
        return !word.isEmpty && word.allSatisfy(isWordCharacter)
    }

    /// Whether `token` is one character that is neither part of a word nor a space, such as `.`.
    static func isPunctuation(_ token: String) -> Bool {
        token.count == 1 && token.first.map { !isWordCharacter($0) && !$0.isWhitespace && $0 != "'" } == true
    }

    /// Whether `word` starts with a vowel letter, accented or not: the spelling rule for elision
    /// (`le` + `éléphant` → `l'éléphant`), which a grammar entry can override for a mute `h`.
    static func startsWithVowel(_ word: String) -> Bool {
        guard let first = word.first else { return false }
        let base = String(first).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        return "aeiou".contains(base)
    }

    fileprivate static func isWordCharacter(_ character: Character) -> Bool {
        character.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                || scalar.properties.generalCategory == .nonspacingMark
        }
    }
}

extension TokenSpelling {
    /// The lower-cased tokens of `sentence`, split as the engine's `Tokenizer` splits it (a
    /// test keeps the two in step): runs of word characters, an apostrophe ending the
    /// word before it, every other non-space character a token of its own.
    static func tokens(of sentence: String) -> [String] {
        var tokens: [String] = []
        var word = ""
        for character in sentence.lowercased() {
            if isWordCharacter(character) {
                word.append(character)
            } else if (character == "'" || character == "\u{2019}") && !word.isEmpty {
                tokens.append(word + String(character))
                word = ""
            } else {
                if !word.isEmpty { tokens.append(word) }
                word = ""
                if !character.isWhitespace { tokens.append(String(character)) }
            }
        }
        if !word.isEmpty { tokens.append(word) }
        return tokens
    }
}
