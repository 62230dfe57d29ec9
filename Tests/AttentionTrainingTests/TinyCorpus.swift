import AttentionModels
import AttentionTraining

/// A hand-written sentence pair for tests.
struct TinyPair: AlignedSentencePair {
    var source: [String]
    var target: [String]
    var alignment: [[Int]]
}

/// Six pairs in which French reorders adjectives, with their gold alignments.
enum TinyCorpus {
    static let training = [
        TinyPair(source: ["the", "black", "cat"], target: ["le", "chat", "noir"], alignment: [[0], [2], [1]]),
        TinyPair(source: ["the", "white", "cat"], target: ["le", "chat", "blanc"], alignment: [[0], [2], [1]]),
        TinyPair(source: ["the", "black", "dog"], target: ["le", "chien", "noir"], alignment: [[0], [2], [1]]),
        TinyPair(source: ["the", "dog"], target: ["le", "chien"], alignment: [[0], [1]]),
        TinyPair(source: ["the", "cat", "sleeps"], target: ["le", "chat", "dort"], alignment: [[0], [1], [2]]),
    ]
    static let heldOut = [
        TinyPair(source: ["the", "white", "dog"], target: ["le", "chien", "blanc"], alignment: [[0], [2], [1]]),
    ]
    static let configuration = ModelConfiguration(embeddingSize: 6, encoderSize: 5, decoderSize: 8,
                                                  attentionSize: 4, readoutSize: 8)

    static func options(epochs: Int = 30, seed: UInt64 = 7, optimizer: OptimizerKind = .adam,
                        learningRate: Double = 0.02, steps: Int? = nil) -> TrainingOptions {
        TrainingOptions(epochs: epochs, batchSize: 2, learningRate: learningRate, optimizer: optimizer, seed: seed,
                        maximumSteps: steps, configuration: configuration)
    }

    static func trained(_ options: TrainingOptions) throws -> Trainer {
        var trainer = try Trainer(options: options, training: training, heldOut: heldOut)
        try trainer.run(progress: { _ in }, epochEnded: { _, _ in })
        return trainer
    }
}
