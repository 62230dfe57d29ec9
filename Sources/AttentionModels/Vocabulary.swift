/// The words a model knows, each with its row in an embedding matrix.
///
/// A target vocabulary starts with ``start`` (`⟨s⟩`, what the decoder reads before the first
/// word) and ``end`` (`⟨/s⟩`, the word that ends a translation). A source vocabulary holds
/// words only: the encoder reads the sentence as it is, and padded positions of a batch are
/// masked rather than filled with a padding word.
public struct Vocabulary: Equatable, Sendable {
    /// The token the decoder reads before the first target word.
    public static let start = "⟨s⟩"
    /// The token that ends a target sentence.
    public static let end = "⟨/s⟩"

    /// The tokens in index order.
    public let tokens: [String]
    private let indices: [String: Int]

    /// Creates a vocabulary from tokens in index order.
    ///
    /// - Precondition: no token appears twice.
    public init(tokens: [String]) {
        self.tokens = tokens
        indices = Dictionary(tokens.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in
            preconditionFailure("the vocabulary lists a token twice (rows \(first))")
        })
    }

    /// The vocabulary of every word in `sentences`, sorted, after `specials`.
    public init(collecting sentences: [[String]], specials: [String] = []) {
        let words = Set(sentences.joined()).subtracting(specials).sorted()
        self.init(tokens: specials + words)
    }

    /// The number of tokens.
    public var count: Int { tokens.count }

    /// The index of `token`, or `nil` if the vocabulary does not have it.
    public func index(of token: String) -> Int? { indices[token] }

    /// The indices of `words`.
    ///
    /// - Throws: ``ModelError/unknownWord(_:side:suggestions:)`` for the first word not in the vocabulary.
    public func indices(of words: [String], side: String) throws -> [Int] {
        try words.map { word in
            guard let index = indices[word] else {
                throw ModelError.unknownWord(word, side: side, suggestions: closest(to: word))
            }
            return index
        }
    }

    /// Up to three known tokens closest to `word` by edit distance.
    public func closest(to word: String) -> [String] {
        let scored = tokens.map { ($0, Self.editDistance(Array($0), Array(word))) }
        return scored.filter { $0.1 <= max(2, word.count / 2) }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(3).map(\.0)
    }

    /// The Levenshtein distance between two words.
    public static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(Swift.min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }

    public static func == (lhs: Vocabulary, rhs: Vocabulary) -> Bool { lhs.tokens == rhs.tokens }
}
