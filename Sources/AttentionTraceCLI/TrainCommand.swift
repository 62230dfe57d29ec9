import ArgumentParser
import AttentionCorpus
import AttentionMath
import AttentionModels
import AttentionReport
import AttentionTraining
import Foundation
import NameSuggestions
import SafeTensors

/// `attention-trace train`: generate the corpus, train RNNsearch on it and write a safetensors checkpoint.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train Bahdanau's RNNsearch (or, with --variant, its decoder with Luong's score or local window) on the generated corpus and write a safetensors checkpoint.",
        discussion: """
            The corpus comes from the bundled grammar (or --grammar FILE) and --seed, which also seeds the initial parameters \
            and the order of the batches: the same options give the same checkpoint bytes on the same machine. \
            The checkpoint is written after every epoch, so a run stopped by a NaN loss keeps the last good one. \
            At each --record-at point (and after the last epoch) the record in the checkpoint keeps the training and \
            held-out loss, the held-out hit rate and alignment error rate, and the attention of every --probe; \
            --report writes them as one offline page (as 'attention-trace report' does from a checkpoint). \
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

    @Option(help: ArgumentHelp(
        "The attention: additive (Bahdanau's; also Luong's concat), Luong's general or dot score, or Luong's local-m or local-p window (with --score), in the same decoder.",
        valueName: "additive|concat|general|dot|local-m|local-p"))
    var variant = "additive"

    @Option(help: ArgumentHelp("The score of local-m or local-p.", valueName: "additive|concat|general|dot"))
    var score: String?

    @Option(help: ArgumentHelp("D: the half-width of local-m's or local-p's window.", valueName: "D"))
    var window: Int?

    @Option(help: ArgumentHelp("d_p: the width of local-p's position predictor.", valueName: "d_p"))
    var positionSize: Int?

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

    @Option(help: ArgumentHelp(
        "The epochs after which to record the losses, alignment scores and probe attention (0: before training).",
        discussion: "Comma-separated; the last epoch is always recorded. The default's points beyond --epochs are skipped.",
        valueName: "epochs"))
    var recordAt: String?

    @Option(help: ArgumentHelp(
        "A sentence pair whose attention to record, as 'english ||| french' (repeatable; default: those of the README pair and three that reorder whose words the corpus has).",
        valueName: "pair"))
    var probe: [String] = []

    @Option(name: .customLong("record"), help: ArgumentHelp("Also write the training record as JSON.", valueName: "record.json"))
    var recordPath: String?

    @Option(name: .customLong("report"), help: ArgumentHelp("Write the training report page at the end.", valueName: "report.html"))
    var reportPath: String?

    /// The score and window `--variant` (and, for a local window, `--score`) name: `concat` is
    /// Luong's name for the additive score; a local window's score is `general` unless said.
    ///
    /// - Throws: ``CommandFailure`` for another name, with the closest one, and for `--score`,
    ///   `--window` or `--position-size` where the variant has no use for them.
    private func attention() throws -> (score: ModelConfiguration.Score, locality: ModelConfiguration.Locality) {
        func named(_ name: String, flag: String) throws -> ModelConfiguration.Score {
            if name == "concat" { return .additive }
            if let score = ModelConfiguration.Score(rawValue: name) { return score }
            let names = ModelConfiguration.Score.allCases.map(\.rawValue) + ["concat"]
            let local = ModelConfiguration.Locality.allCases.filter { $0 != .global }.map(\.rawValue)
            let what = flag == "--variant" ? names + local : names
            throw CommandFailure("\(flag) \(name): train trains \(what.joined(separator: ", "))"
                + (closestName(to: name, among: what).map { " (did you mean '\($0)'?)" } ?? ""))
        }
        let locality = ModelConfiguration.Locality(rawValue: variant) ?? .global
        if locality == .global {
            for (flag, given) in [("--score", score != nil), ("--window", window != nil), ("--position-size", positionSize != nil)]
            where given {
                throw CommandFailure("\(flag) is for local-m and local-p; --variant \(variant) attends to every source word")
            }
            return (try named(variant, flag: "--variant"), .global)
        }
        if locality == .monotonic, positionSize != nil {
            throw CommandFailure("--position-size is for local-p's position predictor; local-m has none")
        }
        return (try named(score ?? ModelConfiguration.Score.general.rawValue, flag: "--score"), locality)
    }

    func run() throws {
        let (seed, trainingCount) = (corpusOptions.seed, corpusOptions.trainCount)
        guard trainingCount > 0 else { throw CommandFailure("--train \(trainingCount): must be at least 1") }
        let (score, locality) = try attention()
        let options = TrainingOptions(
            epochs: epochs, batchSize: batchSize, learningRate: learningRate, optimizer: optimizer, seed: seed,
            maximumSteps: steps, alignmentWeight: alignmentWeight,
            configuration: ModelConfiguration(embeddingSize: embeddingSize, encoderSize: encoderSize, decoderSize: decoderSize,
                                              attentionSize: attentionSize, readoutSize: readoutSize, score: score,
                                              locality: locality, window: window ?? ModelConfiguration.defaultWindow,
                                              positionSize: positionSize ?? ModelConfiguration.defaultPositionSize))
        try options.validate()
        let plan = try recordingPlan()
        if initOnly, let reportPath { throw CommandFailure("--report \(reportPath): --init-only trains nothing to report") }
        BLASThreads.useOneThread()
        let corpus = try corpusOptions.corpus()
        var trainer = try Trainer(options: options, training: corpus.train, heldOut: corpus.heldOut, recording: plan,
                                  grammar: corpusOptions.grammarPath)
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
        let report = try reportPath.map { _ in try LearningReport(record: record).html }
        try save(trainer.model, record)
        if let recordPath { try FileAccess.write(try Self.json(record), to: recordPath) }
        if let reportPath, let report { try FileAccess.write(report, to: reportPath) }
        if let evaluation = record.evaluation {
            FileHandle.standardError.write(Data(String(
                format: "held-out: loss %.4f, attention argmax on a gold source word %.1f%%, exact translations %.1f%%\n",
                evaluation.loss, 100 * evaluation.alignmentHitRate, 100 * evaluation.exactMatchRate).utf8))
        }
    }

    /// The `--record-at` points and `--probe` pairs, checked.
    ///
    /// - Throws: ``CommandFailure`` naming a point that is not a non-negative integer or lies beyond
    ///   `--epochs`; ``TrainingError/invalidProbe(_:reason:)`` for a malformed pair.
    func recordingPlan() throws -> RecordingPlan {
        let probes = probe.isEmpty ? Probe.standard : try probe.map { try Probe(parsing: $0) }
        let skips = probe.isEmpty  // the default probes that a small corpus's words do not cover are left out
        guard let recordAt else {
            return RecordingPlan(epochs: RecordingPlan.standardEpochs.filter { $0 <= epochs }, probes: probes,
                                 skipsUncoveredProbes: skips)
        }
        let points = try recordAt.split(separator: ",", omittingEmptySubsequences: false).map { item in
            let text = item.trimmingCharacters(in: .whitespaces)
            guard let point = Int(text), point >= 0 else {
                throw CommandFailure("--record-at \(recordAt): '\(text)' is not an epoch (a whole number, 0 for before training)")
            }
            guard point <= epochs else {
                throw CommandFailure("--record-at \(recordAt): epoch \(point) is after the last (--epochs \(epochs))")
            }
            return point
        }
        return RecordingPlan(epochs: points, probes: probes, skipsUncoveredProbes: skips)
    }

    /// `record` as pretty-printed JSON with sorted keys, ending with a newline.
    static func json(_ record: TrainingRecord) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(record), as: UTF8.self) + "\n"
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
