/// A corpus that cannot be made or read, or a score that cannot be computed.
public enum CorpusError: Error, CustomStringConvertible, Hashable, Sendable {
    /// A split was asked for with fewer than 0 pairs.
    case negativeCount(split: String, count: Int)
    /// More pairs were asked for than ``CorpusGenerator/maximumPairCount``.
    case tooManyPairs(trainCount: Int, heldOutCount: Int, maximum: Int)
    /// The grammar yielded only `found` distinct pairs of the allowed lengths in `draws` draws.
    case tooFewPairs(requested: Int, found: Int, draws: Int)
    /// An attention matrix whose shape does not match its pair: `rows` × `columns` where the
    /// pair has `targetLength` target and `sourceLength` source tokens.
    case attentionShape(pair: Int, rows: Int, columns: [Int], targetLength: Int, sourceLength: Int)
    /// A different number of attention matrices than of pairs.
    case attentionCount(matrices: Int, pairs: Int)
    /// Corpus JSON that does not decode: why, and where (`train[3].alignment`).
    case malformedJSON(String)
    /// A pair of a corpus read from JSON that breaks a rule of ``SentencePair``.
    case invalidPair(split: String, index: Int, reason: String)

    /// One line saying what was wrong.
    public var description: String {
        switch self {
        case .negativeCount(let split, let count):
            "the \(split) split needs 0 or more pairs, got \(count)"
        case .tooManyPairs(let trainCount, let heldOutCount, let maximum):
            "\(trainCount) training and \(heldOutCount) held-out pairs are more than the \(maximum) a corpus may have"
        case .tooFewPairs(let requested, let found, let draws):
            "the grammar yields only \(found) distinct sentence pairs in \(draws) draws, fewer than the \(requested) asked for; extend the grammar or ask for fewer"
        case .attentionShape(let pair, let rows, let columns, let targetLength, let sourceLength):
            if rows != targetLength {
                "the attention of pair \(pair) has \(rows) rows, expected \(targetLength) (one per target token)"
            } else {
                "the attention of pair \(pair) has a row of \(columns.first { $0 != sourceLength } ?? 0) weights, expected \(sourceLength) (one per source token)"
            }
        case .attentionCount(let matrices, let pairs):
            "\(matrices) attention matrices for \(pairs) sentence pairs; give one per pair"
        case .malformedJSON(let reason):
            "malformed corpus JSON: \(reason)"
        case .invalidPair(let split, let index, let reason):
            "\(split) pair \(index) \(reason)"
        }
    }
}
