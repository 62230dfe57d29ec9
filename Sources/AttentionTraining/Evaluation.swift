import AttentionModels
/// How well a model translates and aligns a set of sentence pairs.
public struct Evaluation: Equatable, Sendable, Codable {
    /// The mean cross-entropy per predicted word, with teacher forcing.
    public var loss: Double
    /// The share of target words whose attention argmax (teacher-forced) is one of their gold
    /// source positions (``RNNSearch/alignmentScore(on:)``).
    public var alignmentHitRate: Double
    /// The share of sentences that greedy decoding reproduces exactly.
    public var exactMatchRate: Double

    /// Evaluates `model` on `pairs`.
    ///
    /// - Throws: ``ModelError/unknownWord(_:side:suggestion:)`` for a word outside the vocabularies.
    public init(of model: RNNSearch, on pairs: [some AlignedSentencePair]) throws {
        loss = try model.loss(on: pairs)
        alignmentHitRate = try model.alignmentScore(on: pairs).hitRate
        let exact = try pairs.filter { try model.translate($0.source).words == $0.target }.count
        exactMatchRate = pairs.isEmpty ? 0 : Double(exact) / Double(pairs.count)
    }
}
