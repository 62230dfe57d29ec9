/// The gender of a French noun, which its article and adjectives agree with.
enum Gender: String, CaseIterable, Sendable {
    case masculine, feminine
}

/// What a French word agrees with: the gender of its noun and the number of its phrase.
struct Agreement: Hashable, Sendable {
    var gender: Gender
    var plural: Bool
}

/// A noun: its English and French singular and plural, its French gender, and the kinds of
/// thing it names (which adjectives and verbs it goes with).
struct Noun: Sendable {
    var english: Inflection
    var french: Inflection
    var gender: Gender
    var kinds: Set<String>
}

/// A word's singular and plural.
struct Inflection: Sendable {
    var singular: String
    var plural: String

    func form(plural isPlural: Bool) -> String { isPlural ? plural : singular }
}

/// Where a French adjective stands: before the noun (`le grand chien`) or after it (`le chat noir`).
enum AdjectivePosition: String, CaseIterable, Sendable {
    case before, after
}

/// An adjective: its English word, its four French forms, where it stands in French, its rank
/// in English word order, and the kinds of noun it describes.
struct Adjective: Sendable {
    var english: String
    var french: AdjectiveForms
    var position: AdjectivePosition
    /// English puts adjectives in ascending rank ("the european economic area"); French mirrors
    /// the ones after the noun ("la zone économique européenne").
    var rank: Int
    var kinds: Set<String>
    /// Whether "the X is ADJ" may use it.
    var isPredicative: Bool
}

/// The four French forms of an adjective.
struct AdjectiveForms: Sendable {
    var masculine: String, feminine: String, masculinePlural: String, femininePlural: String

    /// The four forms.
    var all: [String] { [masculine, feminine, masculinePlural, femininePlural] }

    /// The form that agrees with a noun of `agreement`'s gender and number.
    func form(agreeingWith agreement: Agreement) -> String {
        switch (agreement.gender, agreement.plural) {
        case (.masculine, false): masculine
        case (.feminine, false): feminine
        case (.masculine, true): masculinePlural
        case (.feminine, true): femininePlural
        }
    }
}

/// A verb in the past: the English past and base forms and the French past participle
/// (conjugated with avoir), with the kinds of subject and object it takes.
struct Verb: Sendable {
    var englishPast: String
    var englishBase: String
    var participle: String
    var subjects: Set<String>
    var objects: Set<String>
}

/// An English noun-noun compound that French says with `de`: "the zoo keeper" → "le gardien du zoo".
struct Compound: Hashable, Sendable {
    /// The index in ``Grammar/nouns`` of the first English noun, the French one after `de`.
    var modifier: Int
    /// The index of the head noun, which the article and adjectives agree with.
    var head: Int
}

/// A word that is the same kind of thing in both languages: a month, a year, a time adverb.
struct WordPair: Hashable, Sendable {
    var english: String
    var french: String
}

/// A period for "last …": "last week" → "la semaine dernière".
struct Period: Sendable {
    var word: WordPair
    var gender: Gender
}

/// A determiner other than "the" (whose forms are ``FunctionWords/definite``): its English singular and plural and the five French forms
/// that agree with the noun ("this cat" → "ce chat", "this man" → "cet homme", "these cats" → "ces chats").
struct Determiner: Sendable {
    var english: Inflection
    var french: DeterminerForms
}

/// A French determiner's forms, by the noun's gender and number and by whether the next word elides.
struct DeterminerForms: Sendable {
    var masculine: String, masculineElided: String, feminine: String, feminineElided: String, plural: String

    /// The form for a phrase of `agreement` whose next word is elided before (`elides`).
    func form(agreeingWith agreement: Agreement, elides: Bool) -> String {
        switch (agreement.gender, agreement.plural, elides) {
        case (_, true, _): plural
        case (.masculine, false, false): masculine
        case (.masculine, false, true): masculineElided
        case (.feminine, false, false): feminine
        case (.feminine, false, true): feminineElided
        }
    }
}

/// The closed-class words each construction is built with.
struct FunctionWords: Sendable {
    /// "the" and le, la, l', les.
    var the: String
    var definite: DeterminerForms
    /// French de, and its contraction with the masculine article (du).
    var of: String, ofMasculine: String
    /// "who" after a person, "that" after anything else; French qui.
    var relativePerson: String, relativeOther: String, relativeFrench: String
    /// English "did" of "did not", French a and ont.
    var did: String, auxiliarySingular: String, auxiliaryPlural: String
    /// "not", French ne, n' and pas.
    var not: String, negationBefore: String, negationBeforeElided: String, negationAfter: String
    /// "is", "are", French est and sont.
    var isSingular: String, isPlural: String, copulaSingular: String, copulaPlural: String
    /// "in" of a time phrase, French en.
    var inEnglish: String, inFrench: String
    /// "last", French dernier and dernière.
    var last: String, lastMasculine: String, lastFeminine: String
    /// The full stop that ends a statement, in both languages.
    var stopEnglish: String, stopFrench: String
}

/// The constructions a sentence is drawn from.
enum Construction: String, CaseIterable, Sendable {
    /// A noun phrase on its own, perhaps with a relative clause: "the man who visited the zoo yesterday".
    case phrase
    /// "the cat saw the dog yesterday ." → "le chat a vu le chien hier ."
    case statement
    /// "the cat did not see the dog ." → "le chat n'a pas vu le chien ."
    case negatedStatement = "negated-statement"
    /// "the cat is black ." → "le chat est noir ."
    case description
    /// "the cat is not black ." → "le chat n'est pas noir ."
    case negatedDescription = "negated-description"
}

/// The probabilities of a sentence's optional parts.
struct Chances: Sendable {
    /// A noun phrase is plural.
    var plural: Double
    /// A noun phrase has one of the grammar's ``Determiner``s instead of "the" (0 when it has none).
    var determiner: Double
    /// A noun phrase has an adjective.
    var adjective: Double
    /// A noun phrase with an adjective has a second one.
    var secondAdjective: Double
    /// A noun phrase is a compound, when one fits.
    var compound: Double
    /// A subject has a relative clause.
    var relative: Double
    /// A relative clause is negated.
    var negatedRelative: Double
    /// A clause ends with a time phrase.
    var time: Double
}
