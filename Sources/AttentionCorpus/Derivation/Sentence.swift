/// How a sentence was derived: the constructions and the grammar entries (by index) that fill them.
///
/// The same derivation gives both sides of a pair and its alignment (``Realizer``), which is
/// what makes the grammar synchronous.
enum Sentence: Hashable, Sendable {
    /// A noun phrase on its own: "the man who visited the zoo yesterday".
    case phrase(Subject)
    /// A subject and its verb clause, ending with a full stop: "the cat did not see the dog .".
    case statement(Subject, VerbClause)
    /// A subject, "is" or "are", perhaps "not", and a predicative adjective: "the cat is black .".
    case description(Subject, adjective: Int, negated: Bool)
}

/// A noun phrase that may carry a relative clause.
struct Subject: Hashable, Sendable {
    var phrase: NounPhrase
    var relative: VerbClause?
}

/// "the" or another determiner, adjectives, and a noun or a compound, singular or plural.
struct NounPhrase: Hashable, Sendable {
    /// The index in ``Grammar/determiners`` of its determiner, or `nil` for "the".
    var determiner: Int?
    /// The index of the head noun in ``Grammar/nouns``.
    var noun: Int
    /// The index of a compound's modifier noun ("zoo" of "zoo keeper"), if any.
    var modifier: Int?
    /// Indices in ``Grammar/adjectives``, in English order (ascending rank).
    var adjectives: [Int]
    var plural: Bool
}

/// A verb in the past with its object and perhaps a time phrase, negated or not.
struct VerbClause: Hashable, Sendable {
    /// The index in ``Grammar/verbs``.
    var verb: Int
    var negated: Bool
    var object: NounPhrase
    var time: TimePhrase?
}

/// When something happened.
enum TimePhrase: Hashable, Sendable {
    /// "yesterday" → "hier" (an index in ``Grammar/adverbs``).
    case adverb(Int)
    /// "in august" → "en août", or "in august 1992" → "en août 1992".
    case month(Int, year: Int?)
    /// "in 1992" → "en 1992".
    case year(Int)
    /// "last week" → "la semaine dernière" (an index in ``Grammar/periods``).
    case last(Int)
}
