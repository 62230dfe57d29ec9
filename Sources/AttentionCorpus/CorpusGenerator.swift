/// Generates a corpus of distinct sentence pairs from a grammar, deterministically from a seed.
///
/// The training split starts with the grammar's `train` sentences (the README's walkthrough
/// sentence among them); the rest of both splits are drawn at random, each pair with an English
/// sentence not drawn before, so that no held-out sentence is in the training split.
public struct CorpusGenerator: Sendable {
    /// The grammar pairs are drawn from.
    public let grammar: Grammar
    /// The seed of the draws.
    public let seed: UInt64

    /// The seed the command uses unless told otherwise, the same as the engine's default seed.
    public static let defaultSeed: UInt64 = 42
    /// The default number of training pairs: enough for a small model to learn the grammar.
    public static let defaultTrainCount = 4_000
    /// The default number of held-out pairs.
    public static let defaultHeldOutCount = 400

    /// How many draws are allowed for each pair asked for, beyond a fixed allowance, before the
    /// grammar is taken to have run out of distinct sentences.
    static let drawsPerPair = 50, extraDraws = 10_000

    /// Creates a generator.
    ///
    /// - Parameters:
    ///   - grammar: The grammar, such as ``Grammar/bundled()``.
    ///   - seed: The seed of SplitMix64, the only source of randomness: the same grammar and
    ///     seed give the same corpus on every machine.
    public init(grammar: Grammar, seed: UInt64) {
        self.grammar = grammar
        self.seed = seed
    }

    /// A corpus with `trainCount` training pairs and `heldOutCount` held-out pairs, all with
    /// different English sentences, each side between the grammar's lengths.
    ///
    /// The first training pairs are the grammar's `train` sentences (as many as fit); then pairs
    /// are drawn and kept in order of drawing, the training split first.
    ///
    /// - Parameters:
    ///   - trainCount: The number of training pairs, 0 or more.
    ///   - heldOutCount: The number of held-out pairs, 0 or more.
    /// - Returns: The two splits.
    /// - Throws: ``CorpusError/negativeCount(_:_:)`` for a count below 0, and
    ///   ``CorpusError/tooFewPairs(requested:found:draws:)`` when the grammar does not yield
    ///   that many distinct sentences within `50 × count + 10,000` draws.
    public func generate(trainCount: Int, heldOutCount: Int) throws -> Corpus {
        if trainCount < 0 { throw CorpusError.negativeCount("train", trainCount) }
        if heldOutCount < 0 { throw CorpusError.negativeCount("held-out", heldOutCount) }
        let realizer = Realizer(grammar: grammar)
        let fixed = grammar.trainSentences.map(realizer.pair(for:))
        var seen = Set(fixed.map(\.source))
        var train = Array(fixed.prefix(trainCount))
        var heldOut: [SentencePair] = []
        let requested = trainCount + heldOutCount
        let allowed = Self.drawsPerPair * requested + Self.extraDraws
        var sampler = Sampler(grammar: grammar, random: SplitMix64(seed: seed))
        var draws = 0
        while train.count + heldOut.count < requested {
            guard draws < allowed else {
                throw CorpusError.tooFewPairs(requested: requested, found: train.count + heldOut.count, draws: draws)
            }
            draws += 1
            let pair = realizer.pair(for: sampler.sentence())
            guard grammar.lengths.contains(pair.source.count), grammar.lengths.contains(pair.target.count),
                  seen.insert(pair.source).inserted else { continue }
            if train.count < trainCount { train.append(pair) } else { heldOut.append(pair) }
        }
        return Corpus(train: train, heldOut: heldOut)
    }
}

/// A corpus that cannot be made, or a score that cannot be computed.
public enum CorpusError: Error, CustomStringConvertible, Hashable, Sendable {
    /// A split was asked for with fewer than 0 pairs.
    case negativeCount(String, Int)
    /// The grammar yielded only `found` distinct pairs of the allowed lengths in `draws` draws.
    case tooFewPairs(requested: Int, found: Int, draws: Int)
    /// An attention matrix whose shape does not match its pair: `rows` × `columns` where the
    /// pair has `targetLength` target and `sourceLength` source tokens.
    case attentionShape(pair: Int, rows: Int, columns: [Int], targetLength: Int, sourceLength: Int)
    /// A different number of attention matrices than of pairs.
    case attentionCount(matrices: Int, pairs: Int)

    /// One line saying what was wrong.
    public var description: String {
        switch self {
        case .negativeCount(let split, let count):
            "the \(split) split needs 0 or more pairs, got \(count)"
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
        }
    }
}
