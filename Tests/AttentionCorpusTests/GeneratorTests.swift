@testable import AttentionCorpus
import AttentionEngine
import Testing

/// The default corpus, drawn once: its splits, lengths, tokens, alignments and coverage.
@Suite struct GeneratorTests {
    static let grammar = Result { try Grammar.bundled() }
    static let corpus = Result {
        try CorpusGenerator(grammar: grammar.get(), seed: CorpusGenerator.defaultSeed)
            .generate(trainCount: CorpusGenerator.defaultTrainCount, heldOutCount: CorpusGenerator.defaultHeldOutCount)
    }
    static var pairs: [SentencePair] { (try? corpus.get()).map { $0.train + $0.heldOut } ?? [] }

    @Test func theSameSeedGivesTheSameCorpusAndAnotherSeedAnother() throws {
        let grammar = try Self.grammar.get()
        let first = try CorpusGenerator(grammar: grammar, seed: 7).generate(trainCount: 300, heldOutCount: 30)
        let again = try CorpusGenerator(grammar: grammar, seed: 7).generate(trainCount: 300, heldOutCount: 30)
        let other = try CorpusGenerator(grammar: grammar, seed: 8).generate(trainCount: 300, heldOutCount: 30)
        #expect(first == again)
        #expect(first.train.dropFirst(grammar.trainSentences.count) != other.train.dropFirst(grammar.trainSentences.count))
        #expect(first.heldOut != other.heldOut)
    }

    @Test func countsOutsideTheLimitsAreRefused() throws {
        let generator = try CorpusGenerator(grammar: Self.grammar.get(), seed: 1)
        #expect(throws: CorpusError.negativeCount(split: "held-out", count: -2)) { try generator.generate(trainCount: 1, heldOutCount: -2) }
        let tooMany = #expect(throws: CorpusError.self) { try generator.generate(trainCount: .max, heldOutCount: 1) }
        #expect(tooMany?.description == "9223372036854775807 training and 1 held-out pairs are more than the 1000000 a corpus may have")
        #expect(try generator.generate(trainCount: 0, heldOutCount: 0) == Corpus(train: [], heldOut: []))
        let few = try generator.generate(trainCount: 2, heldOutCount: 1)
        #expect(few.train.map(\.sourceText) == ["the man who visited the zoo yesterday", "the black cat"])
        #expect(few.heldOut.count == 1)
    }

    @Test func theSplitsHaveTheSizesAskedForAndDistinctSentences() throws {
        let corpus = try Self.corpus.get()
        #expect(corpus.train.count == 4_000)
        #expect(corpus.heldOut.count == 400)
        let trainSources = Set(corpus.train.map(\.source))
        #expect(trainSources.count == corpus.train.count)
        #expect(Set(corpus.heldOut.map(\.source)).count == corpus.heldOut.count)
        #expect(corpus.heldOut.allSatisfy { !trainSources.contains($0.source) })
    }

    @Test func theTrainingSplitStartsWithTheReadmeSentence() throws {
        let corpus = try Self.corpus.get()
        let readme = try Self.grammar.get().pair(translating: "the man who visited the zoo yesterday")
        #expect(corpus.train.first == readme)
        #expect(readme.targetText == "l'homme qui a visité le zoo hier")
    }

    @Test func everySideHasThreeToFifteenTokens() {
        for pair in Self.pairs {
            #expect((3...15).contains(pair.source.count), "\(pair.sourceText)")
            #expect((3...15).contains(pair.target.count), "\(pair.targetText)")
        }
    }

    @Test func everyTargetWordIsAlignedWithinTheSource() {
        for pair in Self.pairs {
            #expect(pair.alignment.count == pair.target.count)
            for links in pair.alignment {
                #expect(!links.isEmpty, "\(pair.targetText)")
                #expect(links == links.sorted() && Set(links).count == links.count)
                #expect(links.allSatisfy { pair.source.indices.contains($0) }, "\(pair.targetText)")
            }
        }
    }

    @Test func theEngineTokenizerSplitsEachTextIntoItsTokens() {
        let tokenizer = Tokenizer()
        for pair in Self.pairs {
            #expect(tokenizer.tokens(of: pair.sourceText).map(\.text) == pair.source)
            #expect(tokenizer.tokens(of: pair.targetText).map(\.text) == pair.target)
            #expect(TokenSpelling.tokens(of: pair.targetText) == pair.target)
        }
    }

    /// Reading a generated English sentence back gives the same pair, so every sentence has one
    /// derivation and `pair(translating:)` reproduces the corpus's pairs.
    @Test func everyEnglishSentenceTranslatesBackToItsPair() throws {
        let grammar = try Self.grammar.get()
        for pair in Self.pairs {
            #expect(try grammar.pair(translating: pair.sourceText) == pair)
        }
    }

    @Test func eachSideHasBetween150And300WordsAllSeenInTraining() throws {
        let corpus = try Self.corpus.get()
        let english = Set(corpus.train.flatMap(\.source)), french = Set(corpus.train.flatMap(\.target))
        #expect((150...300).contains(english.count))
        #expect((150...300).contains(french.count))
        #expect(Set(corpus.heldOut.flatMap(\.source)).isSubset(of: english))
        #expect(Set(corpus.heldOut.flatMap(\.target)).isSubset(of: french))
    }

    /// Each construction of the issue appears in at least 40 training pairs, found by its
    /// French words and their alignment.
    @Test func everyConstructionAppearsInTraining() throws {
        let grammar = try Self.grammar.get(), train = try Self.corpus.get().train
        let beforeForms = Set(grammar.adjectives.filter { $0.position == .before }.flatMap(\.french.all))
        /// Pairs with a French position `j` (and the two after it, if needed) that `found` accepts.
        func pairs(_ found: (SentencePair, Int) -> Bool) -> Int {
            train.filter { pair in pair.target.indices.contains { found(pair, $0) } }.count
        }
        func links(_ pair: SentencePair, _ j: Int) -> [Int] { j < pair.target.count ? pair.alignment[j] : [] }
        let coverage = [
            // The noun, then two adjectives in mirrored English order: la zone(3) économique(2) européenne(1).
            ("two mirrored adjectives", pairs { pair, j in
                links(pair, j).count == 1 && links(pair, j + 1) == links(pair, j).map { $0 - 1 }
                    && links(pair, j + 2) == links(pair, j).map { $0 - 2 } }),
            ("one adjective after the noun", pairs { pair, j in
                j > 0 && links(pair, j + 1) == links(pair, j).map { $0 - 1 } && links(pair, j - 1) == links(pair, j).map { $0 - 2 } }),
            ("an adjective before the noun", pairs { pair, j in beforeForms.contains(pair.target[j]) }),
            ("elision", pairs { pair, j in pair.target[j] == "l'" }),
            ("a compound with du", pairs { pair, j in pair.target[j] == "du" }),
            ("a compound with de la or de l'", pairs { pair, j in pair.target[j] == "de" }),
            ("ne … pas", pairs { pair, j in
                ["ne", "n'"].contains(pair.target[j]) && j + 2 < pair.target.count && pair.target[j + 2] == "pas"
                    && links(pair, j) == links(pair, j + 2) }),
            ("the passé composé, one word to two", pairs { pair, j in
                ["a", "ont"].contains(pair.target[j]) && links(pair, j) == links(pair, j + 1) }),
            ("a relative clause", pairs { pair, j in pair.target[j] == "qui" }),
            ("a month and a year", pairs { pair, j in
                pair.target[j] == "en" && j + 2 < pair.target.count && Int(pair.target[j + 2]) != nil }),
            ("last …", pairs { pair, j in ["dernier", "dernière"].contains(pair.target[j]) }),
            ("a plural", pairs { pair, j in pair.target[j] == "les" }),
            ("a determiner elided before a vowel", pairs { pair, j in pair.target[j] == "cet" }),
            ("a possessive agreeing with the possessed noun", pairs { pair, j in
                pair.target[j] == "sa" && links(pair, j).contains { pair.source[$0] == "his" } }),
        ]
        for (construction, count) in coverage {
            #expect(count >= 40, "\(construction): \(count) pairs")
        }
    }

    /// Every article and determiner agrees with the noun it introduces, and every adjective with its noun, by
    /// the forms the grammar file gives; nouns and adjectives are told apart by the English word
    /// each aligns to (French "politique" is both).
    @Test func articlesAndAdjectivesAgreeWithTheirNouns() throws {
        let grammar = try Self.grammar.get(), words = grammar.words
        var nounForms: [String: Set<String>] = [:], adjectiveForms: [String: Set<String>] = [:]
        var agreements: [String: Set<Agreement>] = [:]
        for noun in grammar.nouns {
            for plural in [false, true] {
                nounForms[noun.english.form(plural: plural), default: []].insert(noun.french.form(plural: plural))
                agreements[noun.french.form(plural: plural), default: []].insert(Agreement(gender: noun.gender, plural: plural))
            }
        }
        for period in grammar.periods {
            nounForms[period.word.english, default: []].insert(period.word.french)
            agreements[period.word.french, default: []].insert(Agreement(gender: period.gender, plural: false))
        }
        var adjectiveAgreements: [String: Set<Agreement>] = [:]
        for adjective in grammar.adjectives {
            for gender in Gender.allCases {
                for plural in [false, true] {
                    let agreement = Agreement(gender: gender, plural: plural)
                    let form = adjective.french.form(agreeingWith: agreement)
                    adjectiveForms[adjective.english, default: []].insert(form)
                    adjectiveAgreements[form, default: []].insert(agreement)
                }
            }
        }
        var checkedArticles = 0, checkedDeterminers = 0, checkedAdjectives = 0
        let determiners = Dictionary(grammar.determiners.flatMap { [($0.english.singular, $0), ($0.english.plural, $0)] },
                                     uniquingKeysWith: { first, _ in first })
        for pair in Self.pairs {
            let isNoun = pair.target.indices.map { j in
                pair.alignment[j].contains { nounForms[pair.source[$0]]?.contains(pair.target[j]) == true }
            }
            let isAdjective = pair.target.indices.map { j in
                pair.alignment[j].contains { adjectiveForms[pair.source[$0]]?.contains(pair.target[j]) == true }
            }
            func noun(after j: Int) -> Int? { pair.target.indices.dropFirst(j + 1).first { isNoun[$0] } }
            for (j, token) in pair.target.enumerated() {
                let articles = [words.definite.masculine: Agreement(gender: .masculine, plural: false),
                                words.definite.feminine: Agreement(gender: .feminine, plural: false)]
                if let expected = articles[token] {
                    let next = try #require(noun(after: j), "\(pair.targetText)")
                    #expect(agreements[pair.target[next]]?.contains(expected) == true, "\(token) \(pair.target[next]) in \(pair.targetText)")
                    #expect(!grammar.elides(before: pair.target[j + 1]), "\(pair.targetText)")
                    checkedArticles += 1
                } else if token == words.definite.plural {
                    let next = try #require(noun(after: j), "\(pair.targetText)")
                    #expect(agreements[pair.target[next]]?.contains { $0.plural } == true, "\(pair.targetText)")
                    checkedArticles += 1
                } else if token == words.definite.masculineElided {
                    #expect(grammar.elides(before: pair.target[j + 1]), "\(pair.targetText)")
                    let next = try #require(noun(after: j), "\(pair.targetText)")
                    #expect(agreements[pair.target[next]]?.contains { !$0.plural } == true, "\(pair.targetText)")
                    checkedArticles += 1
                }
                if let determiner = pair.alignment[j].compactMap({ determiners[pair.source[$0]] }).first {
                    let next = try #require(noun(after: j), "\(pair.targetText)")
                    let elides = grammar.elides(before: pair.target[j + 1])
                    let forms = (agreements[pair.target[next]] ?? []).map { determiner.french.form(agreeingWith: $0, elides: elides) }
                    #expect(forms.contains(token), "\(token) \(pair.target[next]) in \(pair.targetText)")
                    checkedDeterminers += 1
                }
                guard isAdjective[j] else { continue }
                // An adjective after est/sont (and pas) describes the subject, whose head is the
                // first noun; one before a noun, that noun; one after nouns, the nearest before it.
                let predicative = [words.copulaSingular, words.copulaPlural, words.negationAfter].contains(pair.target[j - 1])
                let nounPosition = predicative ? pair.target.indices.first { isNoun[$0] }
                    : noun(after: j).flatMap { next in (j + 1..<next).allSatisfy { isAdjective[$0] } ? next : nil }
                        ?? pair.target.indices.prefix(j).last { isNoun[$0] }
                let position = try #require(nounPosition, "\(pair.targetText)")
                let shared = (agreements[pair.target[position]] ?? []).intersection(adjectiveAgreements[token] ?? [])
                #expect(!shared.isEmpty, "\(token) with \(pair.target[position]) in \(pair.targetText)")
                checkedAdjectives += 1
            }
        }
        #expect(checkedArticles > 4_000)
        #expect(checkedDeterminers > 3_000)
        #expect(checkedAdjectives > 2_000)
    }
}
