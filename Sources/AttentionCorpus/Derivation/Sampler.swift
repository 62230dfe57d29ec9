/// Draws random derivations from a grammar: a construction by its weight, then each part.
///
/// Words are drawn so that they go together by the grammar's kinds: a verb's subject and
/// object are nouns of the kinds it takes, an adjective describes its noun's kind. A compound
/// takes only adjectives that stand before the noun (an adjective after it would sit between
/// the head and `de`); two adjectives have different ranks and at most one stands before.
struct Sampler {
    let grammar: Grammar
    var random: SplitMix64

    /// A random sentence.
    mutating func sentence() -> Sentence {
        let construction = self.construction()
        switch construction {
        case .phrase:
            return .phrase(subject(kinds: nil, timeInRelative: true))
        case .statement, .negatedStatement:
            let verb = random.index(below: grammar.verbs.count)
            let subject = subject(kinds: grammar.verbs[verb].subjects, timeInRelative: false)
            return .statement(subject, clause(verb: verb, negated: construction == .negatedStatement, withTime: true))
        case .description, .negatedDescription:
            let predicative = grammar.adjectives.indices.filter { grammar.adjectives[$0].isPredicative }
            let adjective = random.element(of: predicative)
            var subject = subject(kinds: grammar.adjectives[adjective].kinds, timeInRelative: false)
            subject.phrase.adjectives.removeAll { $0 == adjective }
            return .description(subject, adjective: adjective, negated: construction == .negatedDescription)
        }
    }

    /// A construction drawn in proportion to its weight.
    private mutating func construction() -> Construction {
        let total = grammar.weights.reduce(0) { $0 + $1.weight }
        var draw = random.index(below: total)
        for (construction, weight) in grammar.weights {
            if draw < weight { return construction }
            draw -= weight
        }
        preconditionFailure("a draw below the total weight falls within some construction")
    }

    /// A noun phrase of one of `kinds` (any kind when `nil`), with a relative clause by chance.
    private mutating func subject(kinds: Set<String>?, timeInRelative: Bool) -> Subject {
        let phrase = nounPhrase(kinds: kinds)
        guard random.chance(grammar.chances.relative) else { return Subject(phrase: phrase) }
        let headKinds = grammar.nouns[phrase.noun].kinds
        let verbs = grammar.verbs.indices.filter { !grammar.verbs[$0].subjects.isDisjoint(with: headKinds) }
        guard !verbs.isEmpty else { return Subject(phrase: phrase) }
        let negated = random.chance(grammar.chances.negatedRelative)
        return Subject(phrase: phrase, relative: clause(verb: random.element(of: verbs), negated: negated, withTime: timeInRelative))
    }

    /// The verb with an object of a kind it takes, and a time phrase by chance when `withTime`.
    private mutating func clause(verb: Int, negated: Bool, withTime: Bool) -> VerbClause {
        let object = nounPhrase(kinds: grammar.verbs[verb].objects)
        let time = withTime && random.chance(grammar.chances.time) ? timePhrase() : nil
        return VerbClause(verb: verb, negated: negated, object: object, time: time)
    }

    /// A noun or compound of one of `kinds`, singular or plural, with "the" or (by chance) another
    /// determiner, and up to two adjectives.
    private mutating func nounPhrase(kinds: Set<String>?) -> NounPhrase {
        func fits(_ noun: Int) -> Bool { kinds.map { !$0.isDisjoint(with: grammar.nouns[noun].kinds) } ?? true }
        let compounds = grammar.compounds.filter { fits($0.head) }
        let nouns = grammar.nouns.indices.filter(fits)
        var phrase: NounPhrase
        if !compounds.isEmpty && (nouns.isEmpty || random.chance(grammar.chances.compound)) {
            let compound = random.element(of: compounds)
            phrase = NounPhrase(noun: compound.head, modifier: compound.modifier, adjectives: [], plural: false)
        } else {
            phrase = NounPhrase(noun: random.element(of: nouns), modifier: nil, adjectives: [], plural: false)
        }
        phrase.plural = random.chance(grammar.chances.plural)
        if !grammar.determiners.isEmpty, random.chance(grammar.chances.determiner) {
            phrase.determiner = random.index(below: grammar.determiners.count)
        }
        phrase.adjectives = adjectives(for: phrase)
        return phrase
    }

    /// No adjective, one, or two of different ranks (at most one before the noun), in English order.
    private mutating func adjectives(for phrase: NounPhrase) -> [Int] {
        let kinds = grammar.nouns[phrase.noun].kinds
        let fitting = grammar.adjectives.indices.filter { index in
            let adjective = grammar.adjectives[index]
            return !adjective.kinds.isDisjoint(with: kinds) && (phrase.modifier == nil || adjective.position == .before)
        }
        guard !fitting.isEmpty, random.chance(grammar.chances.adjective) else { return [] }
        let first = random.element(of: fitting)
        guard random.chance(grammar.chances.secondAdjective) else { return [first] }
        let firstAdjective = grammar.adjectives[first]
        let partners = fitting.filter { index in
            let adjective = grammar.adjectives[index]
            return adjective.rank != firstAdjective.rank && !(adjective.position == .before && firstAdjective.position == .before)
        }
        guard !partners.isEmpty else { return [first] }
        return [first, random.element(of: partners)].sorted { grammar.adjectives[$0].rank < grammar.adjectives[$1].rank }
    }

    /// One of the time phrases the grammar has words for, each form equally likely.
    private mutating func timePhrase() -> TimePhrase? {
        var forms: [(inout SplitMix64) -> TimePhrase] = []
        let (adverbs, months, years, periods) = (grammar.adverbs.count, grammar.months.count, grammar.years.count, grammar.periods.count)
        if adverbs > 0 { forms.append { .adverb($0.index(below: adverbs)) } }
        if months > 0 { forms.append { .month($0.index(below: months), year: nil) } }
        if months > 0 && years > 0 { forms.append { .month($0.index(below: months), year: $0.index(below: years)) } }
        if years > 0 { forms.append { .year($0.index(below: years)) } }
        if periods > 0 { forms.append { .last($0.index(below: periods)) } }
        guard !forms.isEmpty else { return nil }
        let form = random.element(of: forms)
        return form(&random)
    }
}
