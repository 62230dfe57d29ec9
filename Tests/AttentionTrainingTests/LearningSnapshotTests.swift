import AttentionCorpus
import AttentionModels
@testable import AttentionTraining
import Testing

@Suite struct LearningSnapshotTests {
    static let probes = [Probe(source: ["the", "black", "cat"], target: ["le", "chat", "noir"]),
                         Probe(source: ["the", "dog"], target: ["le", "chien"])]

    static func run(epochs: Int, recordAt: [Int]) throws -> (initial: RNNSearch, trainer: Trainer) {
        var trainer = try Trainer(options: TinyCorpus.options(epochs: epochs), training: TinyCorpus.training,
                                  heldOut: TinyCorpus.heldOut, recording: RecordingPlan(epochs: recordAt, probes: probes))
        let initial = trainer.model
        try trainer.run(progress: { _ in }, epochEnded: { _, _ in })
        return (initial, trainer)
    }

    @Test func aRunRecordsItsPointsAndTheLastEpoch() throws {
        let (initial, trainer) = try Self.run(epochs: 5, recordAt: [2, 0, 2])
        let record = trainer.record
        let snapshots = try #require(record.snapshots)
        #expect(snapshots.map(\.epoch) == [0, 2, 5])
        // Five training pairs in batches of 2: three steps an epoch.
        #expect(snapshots.map(\.steps) == [0, 6, 15])
        #expect(record.probes == Self.probes)

        let first = snapshots[0], last = snapshots[2]
        #expect(first.heldOutLoss == (try initial.loss(on: TinyCorpus.heldOut)))
        #expect(first.trainingLoss == (try initial.loss(on: TinyCorpus.training)))
        #expect(last.heldOutLoss == record.epochs.last?.heldOutLoss)
        #expect(last.trainingLoss == (try trainer.model.loss(on: TinyCorpus.training)))
        #expect(last.trainingLoss < first.trainingLoss * 0.5, "training loss \(first.trainingLoss) → \(last.trainingLoss)")

        // The held-out pair has 3 target words and 3 gold links: AER = 1 − 2h/6 for h hits.
        let score = try trainer.model.alignmentScore(on: TinyCorpus.heldOut)
        #expect(last.alignmentHitRate == score.hitRate)
        let hits = (last.alignmentHitRate * 3).rounded()
        #expect(abs(last.alignmentErrorRate - (1 - 2 * hits / 6)) < 1e-12)

        for snapshot in snapshots {
            #expect(snapshot.alignments.map(\.count) == [3, 2])
            #expect(snapshot.alignments.map { $0[0].count } == [3, 2])
            for row in snapshot.alignments.joined() { #expect(abs(row.reduce(0, +) - 1) < 1e-12) }
        }
        let attention = try trainer.model.attention(source: ["the", "black", "cat"], target: ["le", "chat", "noir"])
        #expect(last.alignments[0] == Array(attention.rowArrays.prefix(3)))
    }

    @Test func evaluationScoresAlignmentAsAlignmentScoreDoes() throws {
        let (_, trainer) = try Self.run(epochs: 3, recordAt: [])
        let pairs = TinyCorpus.training.map { SentencePair(source: $0.source, target: $0.target, alignment: $0.alignment) }
        let attention = try pairs.map { try trainer.model.wordAlignment(source: $0.source, target: $0.target) }
        let expected = try AlignmentScore(attention: attention, for: pairs)
        #expect(try Evaluation(of: trainer.model, on: TinyCorpus.training).alignmentHitRate == expected.hitRate)
        #expect(trainer.record.snapshots?.map(\.epoch) == [3])
    }

    @Test func aProbeWithAnUnknownWordNamesTheClosestKnownOne() throws {
        let plan = RecordingPlan(probes: [try Probe(parsing: "the blak cat ||| le chat noir")])
        #expect(throws: TrainingError.invalidProbe("the blak cat ||| le chat noir",
                                                   reason: "the source word 'blak' is not in the corpus's vocabulary (did you mean 'black'?)")) {
            try Trainer(options: TinyCorpus.options(), training: TinyCorpus.training, heldOut: TinyCorpus.heldOut, recording: plan)
        }
        let skipping = RecordingPlan(probes: plan.probes + Self.probes, skipsUncoveredProbes: true)
        let trainer = try Trainer(options: TinyCorpus.options(), training: TinyCorpus.training, heldOut: TinyCorpus.heldOut,
                                  recording: skipping)
        #expect(trainer.record.probes == Self.probes)
    }

    @Test(arguments: [
        ("the cat", "--probe 'the cat': write it as 'english ||| french', with one '|||'"),
        ("the cat ||| ", "--probe 'the cat ||| ': both the English and the French side need a word"),
        ("a ||| b ||| c", "--probe 'a ||| b ||| c': write it as 'english ||| french', with one '|||'"),
    ])
    func malformedProbesAreRefused(text: String, message: String) {
        #expect(throws: TrainingError.self) { try Probe(parsing: text) }
        do { _ = try Probe(parsing: text) } catch { #expect("\(error)" == message) }
    }

    @Test func probesSplitAsTheTokenizerDoes() throws {
        let probe = try Probe(parsing: "The man ||| l'homme")
        #expect(probe == Probe(source: ["the", "man"], target: ["l'", "homme"]))
        #expect(probe.text == "the man ||| l'homme")
        #expect(try Probe(parsing: probe.text) == probe)
    }
}
