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

    /// The most pairs a corpus may have, ten thousand times the default size of a teaching corpus
    /// and still a few hundred megabytes.
    public static let maximumPairCount = 1_000_000

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
    /// - Throws: ``CorpusError/negativeCount(split:count:)`` for a count below 0,
    ///   ``CorpusError/tooManyPairs(trainCount:heldOutCount:maximum:)`` for more than
    ///   ``maximumPairCount`` pairs in all, and
    ///   ``CorpusError/tooFewPairs(requested:found:draws:)`` when the grammar does not yield
    ///   that many distinct sentences within `50 × count + 10,000` draws.
    public func generate(trainCount: Int, heldOutCount: Int) throws -> Corpus {
        if trainCount < 0 { throw CorpusError.negativeCount(split: "train", count: trainCount) }
        if heldOutCount < 0 { throw CorpusError.negativeCount(split: "held-out", count: heldOutCount) }
        guard trainCount <= Self.maximumPairCount - heldOutCount else {
            throw CorpusError.tooManyPairs(trainCount: trainCount, heldOutCount: heldOutCount, maximum: Self.maximumPairCount)
        }
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
