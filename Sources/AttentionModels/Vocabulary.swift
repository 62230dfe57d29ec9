import NameSuggestions

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
        indices = Dictionary(tokens.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, second in
            preconditionFailure("the vocabulary lists a token twice, at rows \(first) and \(second)")
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
    /// - Throws: ``ModelError/unknownWord(_:side:suggestion:)`` for the first word not in the
    ///   vocabulary, with the closest known token (``closestName(to:among:)``).
    public func indices(of words: [String], side: String) throws -> [Int] {
        try words.map { word in
            guard let index = indices[word] else {
                throw ModelError.unknownWord(word, side: side, suggestion: closestName(to: word, among: tokens))
            }
            return index
        }
    }

    /// Vocabularies are equal when they list the same tokens in the same order.
    public static func == (lhs: Vocabulary, rhs: Vocabulary) -> Bool { lhs.tokens == rhs.tokens }
}
