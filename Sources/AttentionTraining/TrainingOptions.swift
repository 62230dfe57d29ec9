import AttentionModels
/// How `train` trains: the optimiser, its schedule and the seed.
public struct TrainingOptions: Equatable, Sendable, Codable {
    /// Passes over the training split.
    public var epochs: Int
    /// Sentence pairs per optimiser step.
    public var batchSize: Int
    /// `η`.
    public var learningRate: Double
    /// SGD or Adam.
    public var optimizer: OptimizerKind
    /// Seeds the initial parameters and the order of the pairs in every epoch.
    public var seed: UInt64
    /// Stop after this many optimiser steps, even within an epoch.
    public var maximumSteps: Int?
    /// The largest global gradient norm `‖g‖` an update may use; larger gradients are scaled
    /// down to it (Pascanu et al. 2013). `nil`: no clipping.
    public var clipNorm: Double?
    /// `λ`: the weight of guided alignment, the loss that asks each target word's attention to
    /// fall on its gold source words (see ``ForwardPass``). 0 trains on the cross-entropy alone.
    public var alignmentWeight: Double
    /// The model's sizes.
    public var configuration: ModelConfiguration

    /// Creates options; ``validate()`` checks them.
    public init(epochs: Int, batchSize: Int, learningRate: Double, optimizer: OptimizerKind, seed: UInt64,
                maximumSteps: Int? = nil, clipNorm: Double? = 5, alignmentWeight: Double = 0,
                configuration: ModelConfiguration = .standard) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.optimizer = optimizer
        self.seed = seed
        self.maximumSteps = maximumSteps
        self.clipNorm = clipNorm
        self.alignmentWeight = alignmentWeight
        self.configuration = configuration
    }

    /// Checks every option's range.
    ///
    /// - Throws: ``TrainingError/invalidOption(name:value:reason:)`` for the first option out of range.
    public func validate() throws {
        guard learningRate.isFinite, learningRate > 0 else {
            throw TrainingError.invalidOption(name: "learning-rate", value: "\(learningRate)", reason: "must be a positive number")
        }
        guard batchSize > 0 else {
            throw TrainingError.invalidOption(name: "batch-size", value: "\(batchSize)", reason: "must be at least 1")
        }
        guard alignmentWeight.isFinite, alignmentWeight >= 0 else {
            throw TrainingError.invalidOption(name: "alignment-weight", value: "\(alignmentWeight)", reason: "must be 0 or a positive number")
        }
        guard epochs > 0 else { throw TrainingError.invalidOption(name: "epochs", value: "\(epochs)", reason: "must be at least 1") }
        if let maximumSteps, maximumSteps < 0 {
            throw TrainingError.invalidOption(name: "steps", value: "\(maximumSteps)", reason: "must not be negative")
        }
        if let problem = configuration.problem {
            // The option of `train` that sets the key: embeddingSize is --embedding-size.
            let option = problem.key.reduce(into: "") { name, letter in name += letter.isUppercase ? "-" + letter.lowercased() : String(letter) }
            throw TrainingError.invalidOption(name: option, value: "\(problem.value)", reason: problem.reason)
        }
        guard configuration.locality == .global || alignmentWeight == 0 else {
            throw TrainingError.invalidOption(name: "alignment-weight", value: "\(alignmentWeight)",
                                              reason: "guided alignment needs global attention: a gold word outside a local window has weight 0, and −log 0 is infinite")
        }
    }
}
