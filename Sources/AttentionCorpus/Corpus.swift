import Foundation

/// The sentence pairs a model trains on and the pairs it is evaluated on.
///
/// In a corpus from ``CorpusGenerator``, no English sentence of ``heldOut`` appears in ``train``.
public struct Corpus: Hashable, Codable, Sendable {
    /// The training pairs.
    public var train: [SentencePair]
    /// The held-out pairs, whose English sentences training never sees.
    public var heldOut: [SentencePair]

    /// Creates a corpus from its two splits.
    public init(train: [SentencePair], heldOut: [SentencePair]) {
        self.train = train
        self.heldOut = heldOut
    }
}
