/// Reads an English sentence back into its derivation, so that a sentence can be translated
/// (``Grammar/pair(translating:)``) and a grammar file can name sentences by their English.
///
/// It reads the constructions ``Realizer`` writes, left to right with one token of lookahead,
/// and then checks that the grammar writes the derivation back as the same tokens (which
/// catches "that" after a person, "is" after a plural, and the like).
struct SourceParser {
    let grammar: Grammar
    let tokens: [String]
    private var position = 0

    private init(grammar: Grammar, tokens: [String]) {
        self.grammar = grammar
        self.tokens = tokens
    }

    /// The derivation of the English sentence `tokens`.
    ///
    /// - Throws: ``GrammarError`` (with no file) saying where the sentence leaves the grammar.
    static func derivation(of tokens: [String], in grammar: Grammar) throws -> Sentence {
        var parser = SourceParser(grammar: grammar, tokens: tokens)
        return try parser.sentence()
    }

    private var words: FunctionWords { grammar.words }

    private mutating func sentence() throws -> Sentence {
        guard !tokens.isEmpty else { throw GrammarError("the sentence is empty") }
        let subject = try self.subject()
        let sentence: Sentence
        if position == tokens.count {
            sentence = .phrase(subject)
        } else if peek == words.isSingular || peek == words.isPlural {
            position += 1
            let negated = take(words.not)
            let adjective = try expect("an adjective", in: grammar.adjectives.map(\.english))
            try expect(words.stopEnglish)
            sentence = .description(subject, adjective: adjective, negated: negated)
        } else {
            let clause = try verbClause()
            try expect(words.stopEnglish)
            sentence = .statement(subject, clause)
        }
        guard position == tokens.count else { throw unexpected("the end of the sentence") }
        let written = Realizer(grammar: grammar).pair(for: sentence).source
        guard written == tokens else {
            throw GrammarError("'\(tokens.joined(separator: " "))' is not as the grammar writes it: '\(written.joined(separator: " "))'")
        }
        return sentence
    }

    private mutating func subject() throws -> Subject {
        let phrase = try nounPhrase()
        guard take(words.relativePerson) || take(words.relativeOther) else { return Subject(phrase: phrase) }
        return Subject(phrase: phrase, relative: try verbClause())
    }

    /// A noun phrase; the check in ``sentence()`` refuses a determiner of the wrong number ("these cat").
    private mutating func nounPhrase() throws -> NounPhrase {
        let determiner = try self.determiner()
        var adjectives: [Int] = []
        while let adjective = grammar.adjectives.firstIndex(where: { $0.english == peek }) {
            adjectives.append(adjective)
            position += 1
        }
        let singulars = grammar.nouns.map(\.english.singular), plurals = grammar.nouns.map(\.english.plural)
        if let modifier = singulars.firstIndex(of: peek), position + 1 < tokens.count {
            let next = tokens[position + 1]
            let heads = [singulars.firstIndex(of: next), plurals.firstIndex(of: next)]
            for (head, plural) in zip(heads, [false, true]) {
                if let head, grammar.compounds.contains(Compound(modifier: modifier, head: head)) {
                    position += 2
                    return NounPhrase(determiner: determiner, noun: head, modifier: modifier, adjectives: adjectives, plural: plural)
                }
            }
        }
        if let noun = singulars.firstIndex(of: peek) {
            position += 1
            return NounPhrase(determiner: determiner, noun: noun, adjectives: adjectives, plural: false)
        }
        guard let noun = plurals.firstIndex(of: peek) else { throw unexpected("a noun", suggesting: singulars + plurals) }
        position += 1
        return NounPhrase(determiner: determiner, noun: noun, adjectives: adjectives, plural: true)
    }

    /// `nil` for "the", or the index of another determiner, read by its singular or plural.
    private mutating func determiner() throws -> Int? {
        if take(words.the) { return nil }
        let determiners = grammar.determiners
        guard let index = determiners.firstIndex(where: { [$0.english.singular, $0.english.plural].contains(peek) }) else {
            throw unexpected("'\(words.the)'" + (determiners.isEmpty ? "" : " or a determiner"),
                             suggesting: [words.the] + determiners.flatMap { [$0.english.singular, $0.english.plural] })
        }
        position += 1
        return index
    }

    private mutating func verbClause() throws -> VerbClause {
        let negated = take(words.did)
        if negated { try expect(words.not) }
        let verb = negated ? try expect("a verb", in: grammar.verbs.map(\.englishBase))
            : try expect("a verb in the past", in: grammar.verbs.map(\.englishPast))
        let object = try nounPhrase()
        return VerbClause(verb: verb, negated: negated, object: object, time: try timePhrase())
    }

    private mutating func timePhrase() throws -> TimePhrase? {
        if let adverb = grammar.adverbs.firstIndex(where: { $0.english == peek }) {
            position += 1
            return .adverb(adverb)
        }
        if take(words.last) {
            return .last(try expect("a period", in: grammar.periods.map(\.word.english)))
        }
        guard take(words.inEnglish) else { return nil }
        if let year = grammar.years.firstIndex(of: peek) {
            position += 1
            return .year(year)
        }
        let month = try expect("a month or a year", in: grammar.months.map(\.english))
        let year = grammar.years.firstIndex(of: peek)
        if year != nil { position += 1 }
        return .month(month, year: year)
    }

    // MARK: - Tokens

    /// The next token, or an empty string at the end.
    private var peek: String { position < tokens.count ? tokens[position] : "" }

    /// Consumes the next token if it is `word`.
    private mutating func take(_ word: String) -> Bool {
        guard peek == word else { return false }
        position += 1
        return true
    }

    private mutating func expect(_ word: String) throws {
        guard take(word) else { throw unexpected("'\(word)'") }
    }

    /// Consumes the next token if it is one of `choices`, and returns its index there.
    private mutating func expect(_ what: String, in choices: [String]) throws -> Int {
        guard let index = choices.firstIndex(of: peek) else {
            throw unexpected(what, suggesting: choices)
        }
        position += 1
        return index
    }

    private func unexpected(_ expected: String, suggesting choices: [String] = []) -> GrammarError {
        let read = tokens[..<position].joined(separator: " ")
        let context = read.isEmpty ? "at the start" : "after '\(read)'"
        let found = position < tokens.count ? "'\(peek)'\(Suggestion.didYouMean(peek, among: choices))" : "the end"
        return GrammarError("cannot read '\(tokens.joined(separator: " "))': \(context), expected \(expected), found \(found)")
    }
}
