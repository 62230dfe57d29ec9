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
        // The README's walkthrough sentence: the→l', man→homme, who→qui, visited→a and visité,
        // the→le, zoo→zoo, yesterday→hier.
        Example(english: "the man who visited the zoo yesterday", french: "l'homme qui a visité le zoo hier",
                alignment: [[0], [1], [2], [3], [3], [4], [5], [6]]),
        // An adjective after the noun; two, mirrored; one that stays before; one of each.
        Example(english: "the black cat", french: "le chat noir", alignment: [[0], [2], [1]]),
        Example(english: "the european economic area", french: "la zone économique européenne",
                alignment: [[0], [3], [2], [1]]),
        Example(english: "the big dog", french: "le grand chien", alignment: [[0], [1], [2]]),
        Example(english: "the big black cat", french: "le grand chat noir", alignment: [[0], [1], [3], [2]]),
        // Elision before a vowel and a mute h, none before an adjective that does not start with one.
        Example(english: "the man", french: "l'homme", alignment: [[0], [1]]),
        Example(english: "the elephant", french: "l'éléphant", alignment: [[0], [1]]),
        Example(english: "the big man", french: "le grand homme", alignment: [[0], [1], [2]]),
        // Gender and number agreement of the article and the adjective.
        Example(english: "the white cow", french: "la vache blanche", alignment: [[0], [2], [1]]),
        Example(english: "the white cows", french: "les vaches blanches", alignment: [[0], [2], [1]]),
        Example(english: "the white horses", french: "les chevaux blancs", alignment: [[0], [2], [1]]),
        Example(english: "the small european communities", french: "les petites communautés européennes",
                alignment: [[0], [1], [3], [2]]),
        // Compounds: de and its article, or du, align to the modifier.
        Example(english: "the zoo keeper", french: "le gardien du zoo", alignment: [[0], [2], [1], [1]]),
        Example(english: "the city mayor", french: "le maire de la ville", alignment: [[0], [2], [1], [1], [1]]),
        Example(english: "the young hotel directors", french: "les jeunes directeurs de l'hôtel",
                alignment: [[0], [1], [3], [2], [2], [2]]),
        // Relative clauses, negated or not, with "that" after a non-person and ont after a plural.
        Example(english: "the men who did not visit the museum", french: "les hommes qui n'ont pas visité le musée",
                alignment: [[0], [1], [2], [4], [3], [4], [5], [6], [7]]),
        Example(english: "the elephant that saw the hospital in 1995", french: "l'éléphant qui a vu l'hôpital en 1995",
                alignment: [[0], [1], [2], [3], [3], [4], [5], [6], [7]]),
        // Statements: the passé composé, ne … pas split around the auxiliary, time phrases.
        Example(english: "the woman visited the city in august 1992.", french: "la femme a visité la ville en août 1992.",
                alignment: [[0], [1], [2], [2], [3], [4], [5], [6], [7], [8]]),
        Example(english: "the cat did not see the dog.", french: "le chat n'a pas vu le chien.",
                alignment: [[0], [1], [3], [2], [3], [4], [5], [6], [7]]),
        Example(english: "the dog left the park last year.", french: "le chien a quitté le parc l'année dernière.",
                alignment: [[0], [1], [2], [2], [3], [4], [6], [6], [5], [7]]),
        Example(english: "the cats found the key last month.", french: "les chats ont trouvé la clé le mois dernier.",
                alignment: [[0], [1], [2], [2], [3], [4], [6], [6], [5], [7]]),
        // Descriptions: est and sont, n'est and ne sont.
        Example(english: "the hotel is not empty.", french: "l'hôtel n'est pas vide.",
                alignment: [[0], [1], [3], [2], [3], [4], [5]]),
        Example(english: "the cats are not black.", french: "les chats ne sont pas noirs.",
                alignment: [[0], [1], [3], [2], [3], [4], [5]]),
        Example(english: "the girls are happy.", french: "les filles sont heureuses.", alignment: [[0], [1], [2], [3], [4]]),
    ]

    @Test(arguments: examples)
    func translatesAsWorkedByHand(_ example: Example) throws {
        let pair = try Grammar.bundled().pair(translating: example.english)
        #expect(pair.sourceText == example.english)
        #expect(pair.targetText == example.french)
        #expect(pair.alignment == example.alignment)
    }

    @Test func readsCapitalsAndSplitsPunctuationAsTheTokenizerDoes() throws {
        let pair = try Grammar.bundled().pair(translating: "The Cat is black .")
        #expect(pair.source == ["the", "cat", "is", "black", "."])
        #expect(pair.targetText == "le chat est noir.")
    }

    struct Refusal: CustomTestStringConvertible, Sendable {
        var english: String
        var message: String
        var testDescription: String { english }
    }

    static let refusals: [Refusal] = [
        Refusal(english: "the man who visit the zoo",
                message: "cannot read 'the man who visit the zoo': after 'the man who', expected a verb in the past, found 'visit' (did you mean 'visited'?)"),
        Refusal(english: "the cta", message: "cannot read 'the cta': after 'the', expected a noun, found 'cta' (did you mean 'cat'?)"),
        Refusal(english: "the cat who saw the dog",
                message: "'the cat who saw the dog' is not as the grammar writes it: 'the cat that saw the dog'"),
        Refusal(english: "the cats is black.", message: "'the cats is black .' is not as the grammar writes it: 'the cats are black .'"),
        Refusal(english: "the cat saw the dog", message: "cannot read 'the cat saw the dog': after 'the cat saw the dog', expected '.', found the end"),
        Refusal(english: "", message: "the sentence is empty"),
    ]

    @Test(arguments: refusals)
    func refusesWhatTheGrammarCannotDerive(_ refusal: Refusal) throws {
        let grammar = try Grammar.bundled()
        #expect(throws: GrammarError(refusal.message)) { try grammar.pair(translating: refusal.english) }
    }
}
