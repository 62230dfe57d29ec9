import AttentionModels
/// How well a model translates and aligns a set of sentence pairs.
public struct Evaluation: Equatable, Sendable, Codable {
    /// The mean cross-entropy per predicted word, with teacher forcing.
    public var loss: Double
    /// The share of target words with a gold alignment whose attention argmax (teacher-forced)
    /// is one of their gold source positions.
    public var alignmentHitRate: Double
    /// The share of sentences that greedy decoding reproduces exactly.
    public var exactMatchRate: Double

    /// Evaluates `model` on `pairs`.
    ///
    /// - Throws: ``ModelError/unknownWord(_:side:suggestion:)`` for a word outside the vocabularies.
    public init(of model: RNNSearch, on pairs: [some AlignedSentencePair]) throws {
        loss = try model.loss(on: pairs)
        var hits = 0, aligned = 0, exact = 0
        for pair in pairs {
            let argmax = try model.attention(source: pair.source, target: pair.target).rowArgmax()
            for (t, gold) in pair.alignment.enumerated() where !gold.isEmpty && t < pair.target.count {
                aligned += 1
                if gold.contains(argmax[t]) { hits += 1 }
            }
            if try model.translate(pair.source).words == pair.target { exact += 1 }
        }
        alignmentHitRate = aligned == 0 ? 0 : Double(hits) / Double(aligned)
        exactMatchRate = pairs.isEmpty ? 0 : Double(exact) / Double(pairs.count)
    }
}
