import AttentionMath
import AttentionModels
@testable import AttentionTraining
import SafeTensors
import Testing

@Suite struct TrainerTests {
    @Test func trainingLowersTheLossAndLearnsTheTrainingSentences() throws {
        let untrained = try Trainer(options: TinyCorpus.options(), training: TinyCorpus.training, heldOut: TinyCorpus.heldOut)
        let before = try untrained.model.loss(on: TinyCorpus.training)
        let trainer = try TinyCorpus.trained(TinyCorpus.options(epochs: 60))
        let after = try trainer.model.loss(on: TinyCorpus.training)
        #expect(after < before / 10, "loss \(before) → \(after)")
        #expect(trainer.record.epochs.count == 60)
        #expect(trainer.record.epochs.last?.trainingLoss ?? .infinity < trainer.record.epochs.first?.trainingLoss ?? 0)
        for pair in TinyCorpus.training { #expect(try trainer.model.translate(pair.source).words == pair.target) }
    }

    @Test func sgdLowersTheLossToo() throws {
        let trainer = try TinyCorpus.trained(TinyCorpus.options(epochs: 20, optimizer: .sgd, learningRate: 0.5))
        let epochs = trainer.record.epochs
        #expect(epochs.last?.trainingLoss ?? .infinity < (epochs.first?.trainingLoss ?? 0) * 0.8)
    }

    @Test func theSameSeedGivesTheSameCheckpointBytes() throws {
        let first = try TinyCorpus.trained(TinyCorpus.options(epochs: 3))
        let second = try TinyCorpus.trained(TinyCorpus.options(epochs: 3))
        let other = try TinyCorpus.trained(TinyCorpus.options(epochs: 3, seed: 8))
        let bytes = try Checkpoint.encode(first.model, record: first.record)
        #expect(bytes == (try Checkpoint.encode(second.model, record: second.record)))
        #expect(bytes != (try Checkpoint.encode(other.model, record: other.record)))
    }

    @Test func stepsStopTrainingWithinAnEpoch() throws {
        let trainer = try TinyCorpus.trained(TinyCorpus.options(epochs: 5, steps: 4))
        // Three batches an epoch: four steps end in the second epoch.
        #expect(trainer.record.epochs.map(\.steps) == [3, 4])
        #expect(trainer.totalSteps == 4)
    }

    @Test(arguments: [
        (0.0, 2, "--learning-rate 0.0: must be a positive number"),
        (-1.0, 2, "--learning-rate -1.0: must be a positive number"),
        (Double.nan, 2, "--learning-rate nan: must be a positive number"),
        (0.1, 0, "--batch-size 0: must be at least 1"),
    ])
    func badOptionsAreRefused(learningRate: Double, batchSize: Int, message: String) {
        var options = TinyCorpus.options(learningRate: learningRate)
        options.batchSize = batchSize
        #expect(throws: TrainingError.self) { try options.validate() }
        #expect((try? options.validate()) == nil)
        do { try options.validate() } catch { #expect("\(error)" == message) }
    }

    @Test func aLossThatBecomesNaNStopsTrainingWithTheLastGoodParameters() throws {
        var trainer = try Trainer(options: TinyCorpus.options(epochs: 2, learningRate: 1e308),
                                  training: TinyCorpus.training, heldOut: TinyCorpus.heldOut)
        var checkpoints = 0
        #expect(throws: TrainingError.self) {
            try trainer.run(progress: { _ in }, epochEnded: { _, _ in checkpoints += 1 })
        }
        #expect(trainer.model.parameters.fields.allSatisfy { trainer.model.parameters[keyPath: $0.path].isFinite })
        #expect(checkpoints <= 1)
    }

    @Test func adamsFirstStepMovesEveryParameterByTheLearningRate() {
        // With m̂ = g and v̂ = g² after one step, the update is η g / (|g| + ε) ≈ η sign(g).
        var parameters = ModelParameters(zerosFor: TinyCorpus.configuration, sourceWords: 2, targetWords: 3)
        var gradient = parameters
        gradient.scoreVector = Matrix(row: [2, -0.5, 1e-3, 0])
        var optimizer = Optimizer(kind: .adam, learningRate: 0.1)
        optimizer.update(&parameters, with: gradient)
        let expected = [2, -0.5, 1e-3, 0].map { -0.1 * $0 / (abs($0) + 1e-8) }
        for (value, target) in zip(parameters.scoreVector.scalars, expected) { #expect(abs(value - target) < 1e-15) }
    }

    @Test func evaluationCountsAlignmentHitsAndExactMatches() throws {
        let trainer = try TinyCorpus.trained(TinyCorpus.options(epochs: 60))
        let evaluation = try Evaluation(of: trainer.model, on: TinyCorpus.training)
        #expect(evaluation.exactMatchRate == 1)
        #expect(evaluation.alignmentHitRate >= 0 && evaluation.alignmentHitRate <= 1)
        let attention = try trainer.model.attention(source: ["the", "black", "cat"], target: ["le", "chat", "noir"])
        #expect(attention.shape == [4, 3])
        for row in attention.rowArrays { #expect(abs(row.reduce(0, +) - 1) < 1e-12) }
    }

    @Test func unknownWordsNameTheClosestKnownOne() throws {
        let trainer = try Trainer(options: TinyCorpus.options(), training: TinyCorpus.training, heldOut: TinyCorpus.heldOut)
        #expect(throws: ModelError.unknownWord("cats", side: "source", suggestion: "cat")) {
            try trainer.model.translate(["the", "cats"])
        }
        #expect("\(ModelError.unknownWord("chats", side: "target", suggestion: "chat"))"
                == "the target word 'chats' is not in the model's vocabulary (did you mean 'chat'?)")
    }
}
