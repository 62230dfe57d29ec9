import AttentionCorpus
import AttentionEngine
import AttentionMath
import AttentionModels
import Foundation

/// Where a training run stands, for a progress line.
public struct TrainingProgress: Sendable {
    /// The epoch just completed (1 for the first).
    public var epoch: Int
    /// The epochs the run was asked for.
    public var epochs: Int
    /// Optimiser steps so far.
    public var steps: Int
    /// The steps the whole run will take.
    public var totalSteps: Int
    /// The epoch's mean training cross-entropy per word.
    public var trainingLoss: Double
    /// The cross-entropy per word on the held-out split after the epoch.
    public var heldOutLoss: Double
    /// Target words (with `⟨/s⟩`) trained on per second of training so far (held-out losses excluded).
    public var tokensPerSecond: Double
    /// The time the remaining steps should take at the speed so far.
    public var secondsLeft: Double
}

/// Trains an ``RNNSearch`` model by mini-batch gradient descent on the mean cross-entropy.
///
/// Each epoch visits the training pairs in an order drawn from the seed (the SplitMix64 stream
/// `shuffle:<epoch>`), in batches of ``TrainingOptions/batchSize``; each batch is one step:
/// the gradient of the objective by backpropagation (``ForwardPass``: the cross-entropy, plus
/// ``TrainingOptions/alignmentWeight`` times the guided-alignment loss), clipped to a global norm, then an
/// ``Optimizer`` update. Everything is computed in `Double` in a fixed order, so the same
/// options and corpus give the same parameters on the same machine.
public struct Trainer {
    /// What the run was asked to do.
    public let options: TrainingOptions
    /// The model as trained so far.
    public private(set) var model: RNNSearch
    /// The run so far.
    public private(set) var record: TrainingRecord
    private let training: [(source: [Int], target: [Int])]
    private let trainingAlignments: [[[Int]]]
    private let heldOut: [(source: [Int], target: [Int])]
    private let heldOutPairs: [SentencePair]
    private let recording: RecordingPlan?

    /// Prepares a run: validates the options, builds the vocabularies of both splits and
    /// initialises the model from the seed.
    ///
    /// - Parameters:
    ///   - recording: When and what to record in ``TrainingRecord/snapshots``; `nil` records none.
    ///     The record's ``TrainingRecord/probes`` are the plan's, less those it skips.
    ///   - grammar: The grammar file the corpus was drawn from, for ``TrainingRecord/grammar``;
    ///     `nil` for the package's own.
    /// - Throws: ``TrainingError`` for an option out of range, an empty or malformed corpus, or a
    ///   probe with a word outside the corpus's vocabularies.
    public init(options: TrainingOptions, training: [some AlignedSentencePair], heldOut: [some AlignedSentencePair],
                recording: RecordingPlan? = nil, grammar: String? = nil) throws {
        try options.validate()
        guard !training.isEmpty else { throw TrainingError.invalidCorpus("the training split is empty") }
        let (source, target) = RNNSearch.vocabularies(sources: training.map(\.source) + heldOut.map(\.source),
                                                      targets: training.map(\.target) + heldOut.map(\.target))
        model = RNNSearch(configuration: options.configuration, sourceVocabulary: source, targetVocabulary: target,
                          seed: options.seed)
        let model = model
        self.training = try training.map { try model.indices(source: $0.source, target: $0.target) }
        trainingAlignments = training.map(\.alignment)
        self.heldOut = try heldOut.map { try model.indices(source: $0.source, target: $0.target) }
        heldOutPairs = heldOut.map { SentencePair(source: $0.source, target: $0.target, alignment: $0.alignment) }
        var plan = recording
        let skips = recording?.skipsUncoveredProbes ?? false
        plan?.probes = try (recording?.probes ?? []).filter { probe in
            do {
                _ = try model.indices(source: probe.source, target: probe.target)
                return true
            } catch let ModelError.unknownWord(word, side, suggestion) {
                if skips { return false }
                throw TrainingError.invalidProbe(probe.text, reason: "the \(side) word '\(word)' is not in the corpus's vocabulary"
                                                 + (suggestion.map { " (did you mean '\($0)'?)" } ?? ""))
            }
        }
        self.recording = plan
        self.options = options
        record = TrainingRecord(options: options, grammar: grammar, trainingPairs: training.count, heldOutPairs: heldOut.count,
                                probes: plan?.probes, snapshots: plan.map { _ in [] })
    }

    /// Appends a ``LearningSnapshot`` of the model as it is to the record, if the plan asks for
    /// one after `epoch` or the epoch is the run's last.
    private mutating func recordSnapshot(epoch: Int, steps: Int, isLast: Bool) throws {
        guard let recording, isLast || recording.epochs.contains(epoch) else { return }
        let score = try model.alignmentScore(on: heldOutPairs)
        let model = model
        record.snapshots?.append(LearningSnapshot(
            epoch: epoch, steps: steps, trainingLoss: model.loss(onIndexed: training, batchSize: 64),
            heldOutLoss: model.loss(onIndexed: heldOut, batchSize: 64), alignmentHitRate: score.hitRate,
            alignmentErrorRate: score.alignmentErrorRate,
            alignments: try recording.probes.map { try model.wordAlignment(source: $0.source, target: $0.target) }))
    }

    /// The number of steps the run takes: every batch of every epoch, or ``TrainingOptions/maximumSteps``.
    public var totalSteps: Int {
        let perEpoch = (training.count + options.batchSize - 1) / options.batchSize
        return min(perEpoch * options.epochs, options.maximumSteps ?? .max)
    }

    /// Trains for the options' epochs (or steps).
    ///
    /// - Parameters:
    ///   - progress: Called after every epoch.
    ///   - epochEnded: Called after every epoch with the model and record so far (to write a checkpoint),
    ///     after the epoch's snapshot if the ``RecordingPlan`` takes one.
    /// - Throws: ``TrainingError/nonFiniteLoss(step:epoch:)`` when a loss or gradient stops being
    ///   finite (the model keeps the parameters of the last good step), or what `epochEnded` throws.
    public mutating func run(progress: (TrainingProgress) -> Void,
                             epochEnded: (RNNSearch, TrainingRecord) throws -> Void) throws {
        var optimizer = Optimizer(kind: options.optimizer, learningRate: options.learningRate)
        var tokens = 0, trainingSeconds = 0.0
        let total = totalSteps
        try recordSnapshot(epoch: 0, steps: 0, isLast: false)
        for epoch in 1...options.epochs where optimizer.stepCount < total {
            var order = Array(training.indices)
            var stream = SplitMix64(seed: options.seed, stream: "shuffle:\(epoch)")
            order.shuffle(using: &stream)
            var lossSum = 0.0, lossTokens = 0
            for start in stride(from: 0, to: order.count, by: options.batchSize) where optimizer.stepCount < total {
                let stepStarted = Date()
                defer { trainingSeconds += Date().timeIntervalSince(stepStarted) }
                let chosen = order[start..<min(start + options.batchSize, order.count)]
                let batch = model.batch(chosen.map { training[$0] }, alignments: chosen.map { trainingAlignments[$0] })
                let pass = ForwardPass(model.parameters, batch, alignmentWeight: options.alignmentWeight)
                var gradient = pass.gradient(model.parameters)
                let norm = gradient.squaredNorm.squareRoot()
                guard pass.loss.isFinite, norm.isFinite else {
                    throw TrainingError.nonFiniteLoss(step: optimizer.stepCount + 1, epoch: epoch)
                }
                if let clip = options.clipNorm, norm > clip {
                    for field in gradient.fields {
                        gradient[keyPath: field.path] = gradient[keyPath: field.path].scaled(by: clip / norm)
                    }
                }
                optimizer.update(&model.parameters, with: gradient)
                lossSum += pass.loss * Double(batch.tokenCount)
                lossTokens += batch.tokenCount
                tokens += batch.tokenCount
            }
            let heldOutLoss = model.loss(onIndexed: heldOut, batchSize: 64)
            record.epochs.append(TrainingRecord.Epoch(epoch: epoch, steps: optimizer.stepCount,
                                                      trainingLoss: lossSum / Double(max(lossTokens, 1)),
                                                      heldOutLoss: heldOutLoss))
            progress(TrainingProgress(epoch: epoch, epochs: options.epochs, steps: optimizer.stepCount, totalSteps: total,
                                      trainingLoss: lossSum / Double(max(lossTokens, 1)), heldOutLoss: heldOutLoss,
                                      tokensPerSecond: Double(tokens) / max(trainingSeconds, 1e-9),
                                      secondsLeft: trainingSeconds / Double(max(optimizer.stepCount, 1))
                                          * Double(total - optimizer.stepCount)))
            try recordSnapshot(epoch: epoch, steps: optimizer.stepCount,
                               isLast: epoch == options.epochs || optimizer.stepCount >= total)
            try epochEnded(model, record)
        }
    }
}
