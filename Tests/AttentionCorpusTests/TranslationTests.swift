@testable import AttentionCorpus
import Testing

/// Hand-written pairs: each construction of the grammar, with the French and the alignment
/// worked out by hand from Docs/corpus.md's rules.
@Suite struct TranslationTests {
    struct Example: CustomTestStringConvertible, Sendable {
        var english: String
        var french: String
        /// For each French token, the English positions it aligns to.
        var alignment: [[Int]]
        var testDescription: String { english }
    }

    static let examples: [Example] = [
        // The README's walkthrough sentence: visited → a and visité.
        Example(english: "the man who visited the zoo yesterday", french: "l'homme qui a visité le zoo hier",
                alignment: [[0], [1], [2], [3], [3], [4], [5], [6]]),
        // Elision, gender.
        Example(english: "the black cat", french: "le chat noir", alignment: [[0], [2], [1]]),
        Example(english: "the white cow", french: "la vache blanche", alignment: [[0], [2], [1]]),
    ]

    @Test(arguments: examples)
    func translatesAsWorkedByHand(_ example: Example) throws {
        let pair = try Grammar.bundled().pair(translating: example.english)
        #expect(pair.sourceText == example.english)
        #expect(pair.targetText == example.french)
        #expect(pair.alignment == example.alignment)
    }
}
