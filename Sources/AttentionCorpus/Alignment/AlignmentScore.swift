/// How well attention weights find the gold word alignment, over one pair or many.
///
/// For each target token, the predicted link is the source position of the largest weight in
/// its attention row (the first one on a tie). With A the predicted links, one per target
/// token, and G the gold links of ``SentencePair/alignment``:
///
/// - the **hit rate** is the share of target tokens whose predicted link is gold, |A ∩ G| / |A|;
/// - the **alignment error rate** is Och and Ney's (2003) AER with the sure and possible
///   links both equal to G: 1 − (|A ∩ S| + |A ∩ P|) / (|A| + |S|) = 1 − 2 |A ∩ G| / (|A| + |G|).
///
/// Counts are summed over every pair added, so the rates are over the corpus (a long
/// sentence weighs more than a short one), as AER is usually reported.
public struct AlignmentScore: Hashable, Codable, Sendable {
    /// The pairs added.
    public private(set) var pairs = 0
    /// |A|: the target tokens scored, one predicted link each.
    public private(set) var predictedLinks = 0
    /// |G|: the gold links of the pairs added.
    public private(set) var goldLinks = 0
    /// |A ∩ G|: the target tokens whose largest weight is on a gold-aligned source token.
    public private(set) var hits = 0

    /// A score with nothing added.
    public init() {}

    /// The score of `attention[i]` against `pairs[i]` for every `i`.
    ///
    /// - Parameters:
    ///   - attention: For each pair, its attention weights: one row per target token, one
    ///     weight per source token.
    ///   - pairs: The pairs, with their gold alignments.
    /// - Throws: ``CorpusError/attentionCount(matrices:pairs:)`` when the counts differ, and
    ///   ``CorpusError/attentionShape(pair:rows:columns:targetLength:sourceLength:)`` when a
    ///   matrix's shape does not match its pair.
    public init(attention: [[[Double]]], for pairs: [SentencePair]) throws {
        guard attention.count == pairs.count else {
            throw CorpusError.attentionCount(matrices: attention.count, pairs: pairs.count)
        }
        for (weights, pair) in zip(attention, pairs) { try add(weights, for: pair) }
    }

    /// |A ∩ G| / |A|, or 0 before anything is added.
    public var hitRate: Double {
        predictedLinks == 0 ? 0 : Double(hits) / Double(predictedLinks)
    }

    /// 1 − 2 |A ∩ G| / (|A| + |G|), or 0 before anything is added.
    public var alignmentErrorRate: Double {
        predictedLinks + goldLinks == 0 ? 0 : 1 - 2 * Double(hits) / Double(predictedLinks + goldLinks)
    }

    /// Adds one pair's attention to the score.
    ///
    /// - Parameters:
    ///   - attention: One row per target token of `pair`, one weight per source token.
    ///   - pair: The pair, with its gold alignment.
    /// - Throws: ``CorpusError/attentionShape(pair:rows:columns:targetLength:sourceLength:)``
    ///   when the matrix is not `pair.target.count` × `pair.source.count`; the score is unchanged.
    public mutating func add(_ attention: [[Double]], for pair: SentencePair) throws {
        guard attention.count == pair.target.count, attention.allSatisfy({ $0.count == pair.source.count }) else {
            throw CorpusError.attentionShape(pair: pairs, rows: attention.count, columns: attention.map(\.count),
                                             targetLength: pair.target.count, sourceLength: pair.source.count)
        }
        for (row, gold) in zip(attention, pair.alignment) {
            if let predicted = Self.argmax(row), gold.contains(predicted) { hits += 1 }
            goldLinks += gold.count
        }
        predictedLinks += attention.count
        pairs += 1
    }

    /// The position of the first largest weight of `row`, skipping NaNs, or `nil` for a row
    /// without a number (which scores as a miss).
    static func argmax(_ row: [Double]) -> Int? {
        var best: Int?
        for (index, weight) in row.enumerated() where !weight.isNaN {
            if let best, weight <= row[best] { continue }
            best = index
        }
        return best
    }
}
