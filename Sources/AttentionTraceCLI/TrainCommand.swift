import ArgumentParser
import AttentionCorpus
import AttentionMath
import AttentionModels
import AttentionTraining
import Foundation
import SafeTensors

/// `attention-trace train`: generate the corpus, train RNNsearch on it and write a safetensors checkpoint.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train Bahdanau's RNNsearch on the generated corpus and write a safetensors checkpoint.",
        discussion: """
            The corpus comes from the bundled grammar and --seed, which also seeds the initial parameters \
            and the order of the batches: the same options give the same checkpoint bytes on the same machine. \
            The checkpoint is written after every epoch, so a run stopped by a NaN loss keeps the last good one. \
            Docs/models/rnnsearch.md describes the model, its parameters and the checkpoint.
            """)

    @OptionGroup var corpusOptions: CorpusArguments

    @Option(help: "Passes over the training pairs.")
    var epochs = 10

    @Option(help: "Sentence pairs per optimiser step.")
    var batchSize = 32

    @Option(help: "The learning rate η.")
    var learningRate = 0.003

    @Option(help: "The optimiser.")
    var optimizer = OptimizerKind.adam

    @Option(help: ArgumentHelp(
        "λ: the weight of guided alignment (0: the cross-entropy alone).",
        discussion: "Adds λ times the mean −log of the attention each target word gives its gold source words to the loss."))
    var alignmentWeight = 0.0

    @Option(help: ArgumentHelp("Stop after this many optimiser steps.", valueName: "n"))
    var steps: Int?

    @Flag(help: "Write the initial parameters without training.")
    var initOnly = false

    @Option(help: "The element type of the checkpoint's tensors: F64 (exact) or F32 (half the size).")
    var dtype = DType.f64

    @Option(help: "d_e: the width of the word embeddings.")
    var embeddingSize = ModelConfiguration.standard.embeddingSize
    @Option(help: "d_enc: the state width of each encoder direction.")
    var encoderSize = ModelConfiguration.standard.encoderSize
    @Option(help: "d_s: the decoder state width.")
    var decoderSize = ModelConfiguration.standard.decoderSize
    @Option(help: "d_a: the width of the attention's hidden layer.")
    var attentionSize = ModelConfiguration.standard.attentionSize
    @Option(help: "d_o: the width of the readout layer.")
    var readoutSize = ModelConfiguration.standard.readoutSize

    @Option(name: .customLong("output"), help: ArgumentHelp("The checkpoint to write.", valueName: "model.safetensors"))
    var outputPath: String

    func run() throws {
        let (seed, trainingCount) = (corpusOptions.seed, corpusOptions.trainCount)
        guard trainingCount > 0 else { throw CommandFailure("--train \(trainingCount): must be at least 1") }
        let options = TrainingOptions(
            epochs: epochs, batchSize: batchSize, learningRate: learningRate, optimizer: optimizer, seed: seed,
            maximumSteps: steps, alignmentWeight: alignmentWeight,
            configuration: ModelConfiguration(embeddingSize: embeddingSize, encoderSize: encoderSize, decoderSize: decoderSize,
                                              attentionSize: attentionSize, readoutSize: readoutSize))
        try options.validate()
        BLASThreads.useOneThread()
        let corpus = try corpusOptions.corpus(from: Grammar.bundled())
        var trainer = try Trainer(options: options, training: corpus.train, heldOut: corpus.heldOut)
        func save(_ model: RNNSearch, _ record: TrainingRecord) throws {
            let bytes = try Checkpoint.encode(model, record: record, as: dtype)
            try FileAccess.write(to: outputPath) { output in try bytes.withUnsafeBytes { try output.write($0) } }
        }
        if initOnly {
            try save(trainer.model, trainer.record)
            return
        }
        try trainer.run(progress: { Self.report($0) }, epochEnded: save)
        var record = trainer.record
        record.evaluation = try Evaluation(of: trainer.model, on: corpus.heldOut)
        try save(trainer.model, record)
        if let evaluation = record.evaluation {
            FileHandle.standardError.write(Data(String(
                format: "held-out: loss %.4f, attention argmax on a gold source word %.1f%%, exact translations %.1f%%\n",
                evaluation.loss, 100 * evaluation.alignmentHitRate, 100 * evaluation.exactMatchRate).utf8))
        }
    }

    /// Writes one progress line on standard error.
    static func report(_ progress: TrainingProgress) {
        let left = Int(progress.secondsLeft.rounded())
        let line = String(format: "epoch %d/%d  step %d/%d  loss %.4f  held-out %.4f  %.0f tokens/s  time left %dm%02ds\n",
                          progress.epoch, progress.epochs, progress.steps, progress.totalSteps, progress.trainingLoss,
                          progress.heldOutLoss, progress.tokensPerSecond, left / 60, left % 60)
        FileHandle.standardError.write(Data(line.utf8))
    }
}
