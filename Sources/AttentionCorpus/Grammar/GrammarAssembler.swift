/// Turns the lines of a grammar file into a ``Grammar``, checking every entry and reference.
struct GrammarAssembler {
    let file: String

    /// The entry kinds a file may hold, each said once unless it is a list entry.
    private static let singleKinds = ["lengths", "chance", "definite", "of", "relative", "auxiliary", "negation",
                                      "copula", "in", "last", "stop"]
    private static let listKinds = ["construction", "train", "determiner", "noun", "compound", "adjective", "verb", "adverb",
                                    "month", "year", "period"]

    /// The grammar the lines describe.
    ///
    /// - Throws: ``GrammarError`` for the first thing wrong it finds: each entry's fields, then
    ///   the references between entries, then the `train` sentences.
    func grammar(from lines: [GrammarLine]) throws -> Grammar {
        var single: [String: GrammarLine] = [:]
        var list: [String: [GrammarLine]] = [:]
        for line in lines {
            if Self.singleKinds.contains(line.kind) {
                if let first = single[line.kind] {
                    throw line.error("a second '\(line.kind)' line; the first is line \(first.number)")
                }
                single[line.kind] = line
            } else if Self.listKinds.contains(line.kind) {
                list[line.kind, default: []].append(line)
            } else {
                throw line.error("unknown entry '\(line.kind)'\(Suggestion.didYouMean(line.kind, among: Self.singleKinds + Self.listKinds))")
            }
        }
        func the(_ kind: String) throws -> GrammarLine {
            guard let line = single[kind] else { throw GrammarError(file: file, "no '\(kind)' line") }
            return line
        }
        let entries = { (kind: String) in list[kind] ?? [] }

        var elisionExceptions: [String: Bool] = [:]
        let nouns = try entries("noun").map { try noun($0, elision: &elisionExceptions) }
        try checkDistinct(zip(entries("noun"), nouns).map { ($0, [$1.english.singular, $1.english.plural]) }, "English noun")
        let periods = try entries("period").map { try period($0, elision: &elisionExceptions) }
        let nounKinds = Set(nouns.flatMap(\.kinds))

        var grammar = Grammar(
            lengths: try lengths(the("lengths")),
            weights: try weights(entries("construction")),
            chances: try chances(the("chance"), determiners: !entries("determiner").isEmpty),
            words: try functionWords(the),
            determiners: try entries("determiner").map(determiner),
            nouns: nouns,
            compounds: try entries("compound").map { try compound($0, nouns: nouns) },
            adjectives: try entries("adjective").map { try adjective($0, kinds: nounKinds) },
            verbs: try entries("verb").map { try verb($0, kinds: nounKinds) },
            adverbs: try entries("adverb").map { try wordPair($0) },
            months: try entries("month").map { try wordPair($0) },
            years: try entries("year").map { try EntryFields($0, required: ["value"]).word("value") },
            periods: periods,
            elisionExceptions: elisionExceptions,
            trainSentences: [])
        try checkDistinct(zip(entries("determiner"), grammar.determiners).map { ($0, [$1.english.singular, $1.english.plural]) },
                          "English determiner")
        if let index = grammar.determiners.firstIndex(where: { [$0.english.singular, $0.english.plural].contains(grammar.words.the) }) {
            throw entries("determiner")[index].error("determiner '\(grammar.words.the)' is the 'definite' line's article")
        }
        try checkDistinct(zip(entries("adjective"), grammar.adjectives).map { ($0, [$1.english]) }, "English adjective")
        try checkDistinct(zip(entries("verb"), grammar.verbs).map { ($0, [$1.englishPast, $1.englishBase]) }, "English verb")
        if grammar.nouns.isEmpty { throw GrammarError(file: file, "no 'noun' line") }
        if grammar.verbs.isEmpty { throw GrammarError(file: file, "no 'verb' line") }
        let describes = grammar.weights.contains { [.description, .negatedDescription].contains($0.construction) && $0.weight > 0 }
        if describes && !grammar.adjectives.contains(where: \.isPredicative) {
            throw GrammarError(file: file, "descriptions have weight but no adjective is predicative")
        }
        grammar.trainSentences = try entries("train").map { line in
            let tokens = TokenSpelling.tokens(of: line.rest)
            do {
                let sentence = try SourceParser.derivation(of: tokens, in: grammar)
                let pair = Realizer(grammar: grammar).pair(for: sentence)
                for (side, count) in [("English", pair.source.count), ("French", pair.target.count)]
                where !grammar.lengths.contains(count) {
                    throw line.error("the \(side) side of '\(line.rest)' has \(count) tokens, outside lengths \(grammar.lengths.lowerBound)–\(grammar.lengths.upperBound)")
                }
                return sentence
            } catch let error as GrammarError where error.line == nil {
                throw line.error(error.message)
            }
        }
        return grammar
    }

    // MARK: - Settings

    private func lengths(_ line: GrammarLine) throws -> ClosedRange<Int> {
        let fields = try EntryFields(line, required: ["min", "max"])
        let (low, high) = (try fields.integer("min"), try fields.integer("max"))
        guard low >= 1, low <= high else { throw line.error("lengths need 1 ≤ min ≤ max, got min=\(low) max=\(high)") }
        return low...high
    }

    private func weights(_ lines: [GrammarLine]) throws -> [(construction: Construction, weight: Int)] {
        var weights: [Construction: Int] = [:]
        for line in lines {
            let fields = try EntryFields(line, required: ["name", "weight"])
            let construction = try fields.choice("name", as: Construction.self)
            let weight = try fields.integer("weight")
            guard weight >= 0 else { throw line.error("weight= must be 0 or more, got \(weight)") }
            if weights[construction] != nil { throw line.error("construction '\(construction.rawValue)' is weighted twice") }
            weights[construction] = weight
        }
        guard weights.values.contains(where: { $0 > 0 }) else {
            throw GrammarError(file: file, "no construction has a weight above 0")
        }
        return Construction.allCases.map { ($0, weights[$0] ?? 0) }
    }

    /// The `chance` line, which says `determiner=` exactly when the file has `determiner` lines.
    private func chances(_ line: GrammarLine, determiners: Bool) throws -> Chances {
        let keys = ["plural", "adjective", "second-adjective", "compound", "relative", "negated-relative", "time"]
        let fields = try EntryFields(line, required: keys + (determiners ? ["determiner"] : []))
        return Chances(plural: try fields.probability("plural"),
                       determiner: determiners ? try fields.probability("determiner") : 0,
                       adjective: try fields.probability("adjective"),
                       secondAdjective: try fields.probability("second-adjective"),
                       compound: try fields.probability("compound"), relative: try fields.probability("relative"),
                       negatedRelative: try fields.probability("negated-relative"), time: try fields.probability("time"))
    }

    private func functionWords(_ the: (String) throws -> GrammarLine) throws -> FunctionWords {
        let definite = try EntryFields(the("definite"), required: ["en", "fr.masculine", "fr.feminine", "fr.elided", "fr.plural"])
        let of = try EntryFields(the("of"), required: ["fr", "fr.masculine"])
        let relative = try EntryFields(the("relative"), required: ["en.person", "en.other", "fr"])
        let auxiliary = try EntryFields(the("auxiliary"), required: ["en.negated", "fr", "fr.plural"])
        let negation = try EntryFields(the("negation"), required: ["en", "fr.before", "fr.before.elided", "fr.after"])
        let copula = try EntryFields(the("copula"), required: ["en", "en.plural", "fr", "fr.plural"])
        let time = try EntryFields(the("in"), required: ["en", "fr"])
        let last = try EntryFields(the("last"), required: ["en", "fr", "fr.feminine"])
        let stop = try EntryFields(the("stop"), required: ["en", "fr"])
        return FunctionWords(
            the: try definite.word("en"),
            definite: DeterminerForms(masculine: try definite.word("fr.masculine"), masculineElided: try definite.word("fr.elided"),
                                      feminine: try definite.word("fr.feminine"), feminineElided: try definite.word("fr.elided"),
                                      plural: try definite.word("fr.plural")),
            of: try of.word("fr"), ofMasculine: try of.word("fr.masculine"),
            relativePerson: try relative.word("en.person"), relativeOther: try relative.word("en.other"),
            relativeFrench: try relative.word("fr"),
            did: try auxiliary.word("en.negated"), auxiliarySingular: try auxiliary.word("fr"),
            auxiliaryPlural: try auxiliary.word("fr.plural"),
            not: try negation.word("en"), negationBefore: try negation.word("fr.before"),
            negationBeforeElided: try negation.word("fr.before.elided"), negationAfter: try negation.word("fr.after"),
            isSingular: try copula.word("en"), isPlural: try copula.word("en.plural"),
            copulaSingular: try copula.word("fr"), copulaPlural: try copula.word("fr.plural"),
            inEnglish: try time.word("en"), inFrench: try time.word("fr"),
            last: try last.word("en"), lastMasculine: try last.word("fr"), lastFeminine: try last.word("fr.feminine"),
            stopEnglish: try stop.word("en"), stopFrench: try stop.word("fr"))
    }

    // MARK: - Vocabulary

    /// A determiner; each French form left out is the one before it in masculine, elided,
    /// feminine, feminine elided (`fr.elided` defaults to `fr`, `fr.feminine.elided` to `fr.feminine`).
    private func determiner(_ line: GrammarLine) throws -> Determiner {
        let fields = try EntryFields(line, required: ["en", "fr", "fr.plural"],
                                     optional: ["en.plural", "fr.elided", "fr.feminine", "fr.feminine.elided"])
        let english = try fields.word("en"), masculine = try fields.word("fr")
        let feminine = try fields.optionalWord("fr.feminine") ?? masculine
        let forms = DeterminerForms(
            masculine: masculine, masculineElided: try fields.optionalWord("fr.elided") ?? masculine,
            feminine: feminine, feminineElided: try fields.optionalWord("fr.feminine.elided") ?? feminine,
            plural: try fields.word("fr.plural"))
        return Determiner(english: Inflection(singular: english, plural: try fields.optionalWord("en.plural") ?? english),
                          french: forms)
    }

    private func noun(_ line: GrammarLine, elision: inout [String: Bool]) throws -> Noun {
        let fields = try EntryFields(line, required: ["en", "fr", "gender", "kinds"],
                                     optional: ["en.plural", "fr.plural", "elides"])
        let english = try fields.word("en"), french = try fields.word("fr")
        if let elides = try fields.optionalFlag("elides") { elision[french] = elides }
        return Noun(english: Inflection(singular: english, plural: try fields.optionalWord("en.plural") ?? english + "s"),
                    french: Inflection(singular: french, plural: try fields.optionalWord("fr.plural") ?? Self.plural(of: french)),
                    gender: try fields.choice("gender"), kinds: try fields.names("kinds"))
    }

    private func period(_ line: GrammarLine, elision: inout [String: Bool]) throws -> Period {
        let fields = try EntryFields(line, required: ["en", "fr", "gender"], optional: ["elides"])
        let word = WordPair(english: try fields.word("en"), french: try fields.word("fr"))
        if let elides = try fields.optionalFlag("elides") { elision[word.french] = elides }
        return Period(word: word, gender: try fields.choice("gender"))
    }

    private func compound(_ line: GrammarLine, nouns: [Noun]) throws -> Compound {
        let fields = try EntryFields(line, required: ["modifier", "head"])
        func index(_ key: String) throws -> Int {
            let name = try fields.word(key)
            guard let index = nouns.firstIndex(where: { $0.english.singular == name }) else {
                throw line.error("\(key)='\(name)' is not a noun\(Suggestion.didYouMean(name, among: nouns.map(\.english.singular)))")
            }
            return index
        }
        return Compound(modifier: try index("modifier"), head: try index("head"))
    }

    private func adjective(_ line: GrammarLine, kinds: Set<String>) throws -> Adjective {
        let fields = try EntryFields(line, required: ["en", "fr", "position", "rank", "kinds"],
                                     optional: ["fr.feminine", "fr.plural", "fr.feminine.plural", "predicative"])
        let masculine = try fields.word("fr")
        let feminine = try fields.optionalWord("fr.feminine") ?? (masculine.hasSuffix("e") ? masculine : masculine + "e")
        let forms = AdjectiveForms(
            masculine: masculine, feminine: feminine,
            masculinePlural: try fields.optionalWord("fr.plural") ?? Self.plural(of: masculine),
            femininePlural: try fields.optionalWord("fr.feminine.plural") ?? Self.plural(of: feminine))
        return Adjective(english: try fields.word("en"), french: forms, position: try fields.choice("position"),
                         rank: try fields.integer("rank"), kinds: try known(fields.names("kinds"), "kinds", kinds, line),
                         isPredicative: try fields.optionalFlag("predicative") ?? true)
    }

    private func verb(_ line: GrammarLine, kinds: Set<String>) throws -> Verb {
        let fields = try EntryFields(line, required: ["en", "en.base", "fr", "subjects", "objects"])
        return Verb(englishPast: try fields.word("en"), englishBase: try fields.word("en.base"), participle: try fields.word("fr"),
                    subjects: try known(fields.names("subjects"), "subjects", kinds, line),
                    objects: try known(fields.names("objects"), "objects", kinds, line))
    }

    private func wordPair(_ line: GrammarLine) throws -> WordPair {
        let fields = try EntryFields(line, required: ["en", "fr"])
        return WordPair(english: try fields.word("en"), french: try fields.word("fr"))
    }

    // MARK: - Checks and rules

    /// `names`, once each is the kind of some noun.
    private func known(_ names: Set<String>, _ key: String, _ kinds: Set<String>, _ line: GrammarLine) throws -> Set<String> {
        if let unknown = names.sorted().first(where: { !kinds.contains($0) }) {
            throw line.error("\(key)= names '\(unknown)', which is no noun's kind\(Suggestion.didYouMean(unknown, among: kinds.sorted()))")
        }
        return names
    }

    /// Fails on the line of the first entry that spells a word as an earlier entry does.
    private func checkDistinct(_ entries: [(line: GrammarLine, words: [String])], _ what: String) throws {
        var seen: [String: Int] = [:]
        for (line, words) in entries {
            for word in words where seen[word] != line.number {
                if let first = seen[word] { throw line.error("\(what) '\(word)' is already defined on line \(first)") }
                seen[word] = line.number
            }
        }
    }

    /// The regular French plural: `+s`, except that a word ending in s, x or z stays as it is.
    static func plural(of word: String) -> String {
        word.hasSuffix("s") || word.hasSuffix("x") || word.hasSuffix("z") ? word : word + "s"
    }
}
