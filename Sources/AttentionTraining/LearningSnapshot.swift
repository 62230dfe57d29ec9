import AttentionCorpus
import AttentionEngine
import AttentionModels
import Foundation

/// A sentence pair whose attention a training run records as it learns (`train --probe`).
public struct Probe: Equatable, Sendable, Codable {
    /// The English tokens.
    public var source: [String]
    /// The French tokens.
    public var target: [String]

    /// A probe of already tokenised words.
    public init(source: [String], target: [String]) {
        self.source = source
        self.target = target
    }

    /// A probe written `english ||| french`, each side split as the engine's tokenizer splits a
    /// sentence (`l'homme` is `l'` and `homme`).
    ///
    /// - Throws: ``TrainingError/invalidProbe(_:reason:)`` without exactly one `|||` or with an empty side.
    public init(parsing text: String) throws {
        let sides = text.components(separatedBy: "|||")
        guard sides.count == 2 else {
            throw TrainingError.invalidProbe(text, reason: "write it as 'english ||| french', with one '|||'")
        }
        let tokenizer = Tokenizer()
        source = tokenizer.tokens(of: sides[0]).map(\.text)
        target = tokenizer.tokens(of: sides[1]).map(\.text)
        guard !source.isEmpty, !target.isEmpty else {
            throw TrainingError.invalidProbe(text, reason: "both the English and the French side need a word")
        }
    }

    /// The probe as it is written: `english ||| french`, each side as a sentence (`l'homme`).
    public var text: String { "\(sourceText) ||| \(targetText)" }

    /// The English side as a sentence.
    public var sourceText: String { SentencePair.text(of: source) }

    /// The French side as a sentence, an elided word joined to the next (`l'homme`).
    public var targetText: String { SentencePair.text(of: target) }

    /// The README's sentence and three that reorder: the adjectives after their noun (mirrored
    /// when there are two) and a noun compound.
    public static let standard: [Probe] = [
        Probe(source: ["the", "man", "who", "visited", "the", "zoo", "yesterday"],
              target: ["l'", "homme", "qui", "a", "visité", "le", "zoo", "hier"]),
        Probe(source: ["the", "black", "cat"], target: ["le", "chat", "noir"]),
        Probe(source: ["the", "european", "economic", "area"], target: ["la", "zone", "économique", "européenne"]),
        Probe(source: ["the", "zoo", "keeper"], target: ["le", "gardien", "du", "zoo"]),
    ]
}

/// When a run records a ``LearningSnapshot`` and of which sentences (`train --record-at`, `--probe`).
public struct RecordingPlan: Equatable, Sendable {
    /// The epochs after which to record, 0 for the initial parameters; sorted, without repeats.
    public var epochs: [Int]
    /// The sentences whose attention each snapshot keeps.
    public var probes: [Probe]
    /// Whether a probe with a word outside the corpus's vocabularies is left out (as the default
    /// probes are from a small corpus) rather than refused.
    public var skipsUncoveredProbes: Bool

    /// The default points: before training, then after epochs 1, 2, 5, 10, 20 and 30.
    public static let standardEpochs = [0, 1, 2, 5, 10, 20, 30]

    /// A plan recording after `epochs` (sorted here) and the last epoch a run completes.
    public init(epochs: [Int] = standardEpochs, probes: [Probe] = Probe.standard, skipsUncoveredProbes: Bool = false) {
        self.epochs = Array(Set(epochs)).sorted()
        self.probes = probes
        self.skipsUncoveredProbes = skipsUncoveredProbes
    }
}

/// The model at one point of a run: its losses, how well its attention finds the gold alignment
/// of the held-out split, and the teacher-forced attention of every probe.
public struct LearningSnapshot: Equatable, Sendable, Codable {
    /// The epochs completed (0: the initial parameters).
    public var epoch: Int
    /// Optimiser steps taken.
    public var steps: Int
    /// The mean cross-entropy per predicted word on the whole training split, with the
    /// parameters of this point (not the running mean over the epoch's batches).
    public var trainingLoss: Double
    /// The same on the held-out split.
    public var heldOutLoss: Double
    /// ``AlignmentScore/hitRate`` of the attention over the held-out split.
    public var alignmentHitRate: Double
    /// ``AlignmentScore/alignmentErrorRate`` of the attention over the held-out split.
    public var alignmentErrorRate: Double
    /// For each probe of the record, in order, its attention: one row per target word (the row
    /// of `⟨/s⟩` left out), one weight per source word.
    public var alignments: [[[Double]]]
}

extension RNNSearch {
    /// The teacher-forced attention of `pair`'s target words over its source words: ``attention(source:target:)``
    /// without the row of `⟨/s⟩`, so `target.count` rows.
    ///
    /// - Throws: ``ModelError/unknownWord(_:side:suggestion:)`` for a word outside the vocabularies.
    public func wordAlignment(source: [String], target: [String]) throws -> [[Double]] {
        Array(try attention(source: source, target: target).rowArrays.prefix(target.count))
    }

    /// How well the argmax of each target word's teacher-forced attention finds the gold alignment of `pairs`.
    ///
    /// - Throws: ``ModelError/unknownWord(_:side:suggestion:)`` for a word outside the vocabularies.
    public func alignmentScore(on pairs: [some AlignedSentencePair]) throws -> AlignmentScore {
        var score = AlignmentScore()
        for pair in pairs {
            try score.add(try wordAlignment(source: pair.source, target: pair.target),
                          for: SentencePair(source: pair.source, target: pair.target, alignment: pair.alignment))
        }
        return score
    }
}
