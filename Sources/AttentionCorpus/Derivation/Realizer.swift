/// Writes a derivation as a sentence pair: the English words, the French words in French
/// order, and for each French word the English words it translates.
///
/// Each constituent writes its English tokens at once and returns a ``French`` writer that
/// writes its French tokens later, so a clause writes all its English first and then its
/// French in French order, with every French word knowing the positions of its English ones.
/// Docs/corpus.md states the alignment rules this code implements.
struct Realizer {
    let grammar: Grammar
    private var words: FunctionWords { grammar.words }

    /// Writes the French side of a constituent whose English side is written.
    typealias French = (inout PairBuilder) -> Void

    /// The pair for `sentence`.
    func pair(for sentence: Sentence) -> SentencePair {
        var builder = PairBuilder()
        switch sentence {
        case .phrase(let subject):
            let french = realize(subject, into: &builder)
            french(&builder)
        case .statement(let subject, let clause):
            let frenchSubject = realize(subject, into: &builder)
            let frenchClause = realize(clause, plural: subject.phrase.plural, into: &builder)
            let stop = builder.english(words.stopEnglish)
            frenchSubject(&builder)
            frenchClause(&builder)
            builder.french(words.stopFrench, alignedTo: stop)
        case .description(let subject, let adjectiveIndex, let negated):
            let plural = subject.phrase.plural
            let frenchSubject = realize(subject, into: &builder)
            let copula = builder.english(plural ? words.isPlural : words.isSingular)
            let not = negated ? builder.english(words.not) : nil
            let adjective = grammar.adjectives[adjectiveIndex]
            let adjectivePosition = builder.english(adjective.english)
            let stop = builder.english(words.stopEnglish)
            frenchSubject(&builder)
            let verb = plural ? words.copulaPlural : words.copulaSingular
            writeNegated(verb, alignedTo: copula, not: not, into: &builder)
            builder.french(adjective.french.form(agreeingWith: agreement(of: subject.phrase)), alignedTo: adjectivePosition)
            builder.french(words.stopFrench, alignedTo: stop)
        }
        return builder.pair
    }

    // MARK: - Noun phrases

    /// "the man who visited the zoo" → "l'homme qui a visité le zoo": qui ↔ who/that.
    private func realize(_ subject: Subject, into builder: inout PairBuilder) -> French {
        let phrase = realize(subject.phrase, into: &builder)
        guard let clause = subject.relative else { return phrase }
        let kinds = grammar.nouns[subject.phrase.noun].kinds
        let pronoun = builder.english(kinds.contains(Grammar.personKind) ? words.relativePerson : words.relativeOther)
        let frenchClause = realize(clause, plural: subject.phrase.plural, into: &builder)
        return { builder in
            phrase(&builder)
            builder.french(words.relativeFrench, alignedTo: pronoun)
            frenchClause(&builder)
        }
    }

    /// "the big black cats" → "les grands chats noirs"; "the european economic area" → "la zone
    /// économique européenne"; "the zoo keeper" → "le gardien du zoo".
    ///
    /// The article aligns to "the" (another determiner to its own: "my cat" → "mon chat"), each
    /// adjective and noun to its own; adjectives after the
    /// noun come in mirrored English order; a compound's `de` and article (or their contraction
    /// `du`) align to the modifier noun, which English marks by its position alone.
    private func realize(_ phrase: NounPhrase, into builder: inout PairBuilder) -> French {
        let noun = grammar.nouns[phrase.noun]
        let determiner = phrase.determiner.map { grammar.determiners[$0] }
        let the = builder.english(determiner?.english.form(plural: phrase.plural) ?? words.the)
        let adjectives = phrase.adjectives.map { (adjective: grammar.adjectives[$0], position: builder.english(grammar.adjectives[$0].english)) }
        let modifier = phrase.modifier.map { (noun: grammar.nouns[$0], position: builder.english(grammar.nouns[$0].english.singular)) }
        let head = builder.english(noun.english.form(plural: phrase.plural))
        let agreement = agreement(of: phrase)
        return { builder in
            let before = adjectives.filter { $0.adjective.position == .before }
            let after = adjectives.filter { $0.adjective.position == .after }.reversed()
            let nounForm = noun.french.form(plural: phrase.plural)
            let next = before.first?.adjective.french.form(agreeingWith: agreement) ?? nounForm
            builder.french(form(of: determiner?.french ?? words.definite, agreement, before: next), alignedTo: the)
            for (adjective, position) in before {
                builder.french(adjective.french.form(agreeingWith: agreement), alignedTo: position)
            }
            builder.french(nounForm, alignedTo: head)
            for (adjective, position) in after {
                builder.french(adjective.french.form(agreeingWith: agreement), alignedTo: position)
            }
            if let (modifierNoun, position) = modifier {
                let article = definite(Agreement(gender: modifierNoun.gender, plural: false), before: modifierNoun.french.singular)
                if article == words.definite.masculine {
                    builder.french(words.ofMasculine, alignedTo: position)
                } else {
                    builder.french(words.of, alignedTo: position)
                    builder.french(article, alignedTo: position)
                }
                builder.french(modifierNoun.french.singular, alignedTo: position)
            }
        }
    }

    /// The gender of a phrase's head noun and the phrase's number.
    private func agreement(of phrase: NounPhrase) -> Agreement {
        Agreement(gender: grammar.nouns[phrase.noun].gender, plural: phrase.plural)
    }

    /// le, la, l' or les, for a word of `agreement` written before `next`.
    private func definite(_ agreement: Agreement, before next: String) -> String {
        form(of: words.definite, agreement, before: next)
    }

    /// The form of a determiner for a word of `agreement` written before `next`.
    private func form(of forms: DeterminerForms, _ agreement: Agreement, before next: String) -> String {
        forms.form(agreeingWith: agreement, elides: grammar.elides(before: next))
    }

    // MARK: - Verbs and time

    /// "visited the zoo yesterday" → "a visité le zoo hier": the past tense aligns to both the
    /// auxiliary and the participle. "did not visit the zoo" → "n'a pas visité le zoo": "did"
    /// aligns to the auxiliary, "not" to both halves of ne … pas, "visit" to the participle.
    private func realize(_ clause: VerbClause, plural: Bool, into builder: inout PairBuilder) -> French {
        let verb = grammar.verbs[clause.verb]
        let positions: (did: Int?, not: Int?, verb: Int)
        if clause.negated {
            positions = (builder.english(words.did), builder.english(words.not), builder.english(verb.englishBase))
        } else {
            positions = (nil, nil, builder.english(verb.englishPast))
        }
        let object = realize(clause.object, into: &builder)
        let time = clause.time.map { realize($0, into: &builder) }
        return { builder in
            let auxiliary = plural ? words.auxiliaryPlural : words.auxiliarySingular
            writeNegated(auxiliary, alignedTo: positions.did ?? positions.verb, not: positions.not, into: &builder)
            builder.french(verb.participle, alignedTo: positions.verb)
            object(&builder)
            time?(&builder)
        }
    }

    /// Writes `verb` alone, or within ne … pas (n' before a vowel) aligned to `not`.
    private func writeNegated(_ verb: String, alignedTo position: Int, not: Int?, into builder: inout PairBuilder) {
        guard let not else {
            builder.french(verb, alignedTo: position)
            return
        }
        builder.french(grammar.elides(before: verb) ? words.negationBeforeElided : words.negationBefore, alignedTo: not)
        builder.french(verb, alignedTo: position)
        builder.french(words.negationAfter, alignedTo: not)
    }

    /// "yesterday" → "hier"; "in august 1992" → "en août 1992"; "last week" → "la semaine
    /// dernière", where the article, which English does not have, aligns to the period's noun.
    private func realize(_ time: TimePhrase, into builder: inout PairBuilder) -> French {
        switch time {
        case .adverb(let index):
            let word = grammar.adverbs[index]
            let position = builder.english(word.english)
            return { builder in builder.french(word.french, alignedTo: position) }
        case .month(let month, let year):
            let preposition = builder.english(words.inEnglish)
            let word = grammar.months[month]
            let monthPosition = builder.english(word.english)
            let yearWord = year.map { grammar.years[$0] }
            let yearPosition = yearWord.map { builder.english($0) }
            return { builder in
                builder.french(words.inFrench, alignedTo: preposition)
                builder.french(word.french, alignedTo: monthPosition)
                if let yearWord, let yearPosition { builder.french(yearWord, alignedTo: yearPosition) }
            }
        case .year(let index):
            let preposition = builder.english(words.inEnglish)
            let year = grammar.years[index]
            let position = builder.english(year)
            return { builder in
                builder.french(words.inFrench, alignedTo: preposition)
                builder.french(year, alignedTo: position)
            }
        case .last(let index):
            let period = grammar.periods[index]
            let last = builder.english(words.last)
            let position = builder.english(period.word.english)
            return { builder in
                builder.french(definite(Agreement(gender: period.gender, plural: false), before: period.word.french), alignedTo: position)
                builder.french(period.word.french, alignedTo: position)
                builder.french(period.gender == .masculine ? words.lastMasculine : words.lastFeminine, alignedTo: last)
            }
        }
    }
}
