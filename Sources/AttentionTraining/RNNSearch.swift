import AttentionMath
import AttentionModels

/// What training and evaluation compute with an ``RNNSearch``: the vocabularies of a corpus, the
/// loss, teacher-forced attention and greedy translation (its seeded initialisation is the engine's,
/// `RNNSearch(configuration:sourceVocabulary:targetVocabulary:seed:)`).
extension RNNSearch {
    /// The vocabularies of a corpus: the source words sorted; `⟨s⟩`, `⟨/s⟩`, then the target words sorted.
    public static func vocabularies(sources: [[String]], targets: [[String]]) -> (source: Vocabulary, target: Vocabulary) {
        (Vocabulary(collecting: sources), Vocabulary(collecting: targets, specials: [Vocabulary.start, Vocabulary.end]))
    }

    /// The index sequences of one pair.
    ///
    /// - Throws: ``TrainingError`` for an empty source or an unknown word.
    func indices(source: [String], target: [String]) throws -> (source: [Int], target: [Int]) {
        guard !source.isEmpty else { throw TrainingError.invalidCorpus("a source sentence is empty") }
        return (try sourceVocabulary.indices(of: source, side: "source"),
                try targetVocabulary.indices(of: target, side: "target"))
    }

    /// A batch of index sequences, with the gold alignments of each pair if given.
    func batch(_ pairs: [(source: [Int], target: [Int])], alignments: [[[Int]]]? = nil) -> Batch {
        Batch(sources: pairs.map(\.source), targets: pairs.map(\.target), alignments: alignments,
              start: targetVocabulary.index(of: Vocabulary.start) ?? 0, end: endIndex)
    }

    var endIndex: Int { targetVocabulary.index(of: Vocabulary.end) ?? 1 }

    /// The mean cross-entropy per predicted word (every target word and each `⟨/s⟩`) over `pairs`,
    /// computed in batches of `batchSize`.
    ///
    /// - Throws: ``ModelError/unknownWord(_:side:suggestion:)`` for a word outside the vocabularies.
    public func loss(on pairs: [some AlignedSentencePair], batchSize: Int = 64) throws -> Double {
        try loss(onIndexed: pairs.map { try indices(source: $0.source, target: $0.target) }, batchSize: batchSize)
    }

    /// ``loss(on:batchSize:)`` for pairs already turned into indices.
    func loss(onIndexed pairs: [(source: [Int], target: [Int])], batchSize: Int) -> Double {
        var total = 0.0, count = 0
        for start in stride(from: 0, to: pairs.count, by: batchSize) {
            let batch = batch(Array(pairs[start..<min(start + batchSize, pairs.count)]))
            total += ForwardPass(parameters, batch).loss * Double(batch.tokenCount)
            count += batch.tokenCount
        }
        return count == 0 ? 0 : total / Double(count)
    }

    /// The attention weights with teacher forcing: row `t` is `α` for target word `t` (computed
    /// with `s_{t−1}`), and a last row for `⟨/s⟩`. Shape `(m + 1) × n`.
    ///
    /// - Throws: ``ModelError/unknownWord(_:side:suggestion:)`` for a word outside the vocabularies.
    public func attention(source: [String], target: [String]) throws -> Matrix {
        let pass = ForwardPass(parameters, batch([try indices(source: source, target: target)]))
        return Matrix.stacking(pass.steps.map(\.attention.weights))
    }

    /// A translation found by greedy decoding, with the attention of every generated word.
    public struct Translation: Equatable, Sendable {
        /// The generated words, without `⟨/s⟩`.
        public var words: [String]
        /// Row `t`: the attention weights over the source when word `t` was generated (the last
        /// row is `⟨/s⟩`'s, unless decoding stopped at the length limit).
        public var attention: Matrix
    }

    /// Translates `source` by greedy decoding: at each position the most probable word is
    /// generated and read back, until `⟨/s⟩` or `maximumLength` words.
    ///
    /// - Throws: ``ModelError/unknownWord(_:side:suggestion:)`` for a source word outside the vocabulary.
    public func translate(_ source: [String], maximumLength: Int? = nil) throws -> Translation {
        let indexed = try indices(source: source, target: [])
        let batch = batch([indexed])
        let decoder = Decoder(parameters)
        let encoding = Encoding(parameters, batch, attention: decoder.attention)
        var state = encoding.initialState
        var previous = batch.previousTokens[0][0]
        var words: [String] = [], weights: [Matrix] = []
        let limit = maximumLength ?? Self.translationLimit(sourceLength: source.count)
        while words.count < limit {
            let step = decoder.step(words.count, previousWords: [previous], state: state, memory: encoding.memory)
            weights.append(step.attention.weights)
            state = step.recurrence.state
            let next = decoder.readout(step.readoutInput).softmax.weights.rowArgmax()[0]
            if next == endIndex { break }
            words.append(targetVocabulary.tokens[next])
            previous = next
        }
        return Translation(words: words, attention: Matrix.stacking(weights))
    }
}
