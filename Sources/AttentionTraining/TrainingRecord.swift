/// What a training run did, stored with its checkpoint: the options, after every epoch the
/// steps taken and the losses, and the ``LearningSnapshot``s of its ``RecordingPlan``. It holds
/// no times, so that the same seed gives the same bytes.
public struct TrainingRecord: Equatable, Sendable, Codable {
    /// One epoch's outcome.
    public struct Epoch: Equatable, Sendable, Codable {
        /// 1 for the first epoch.
        public var epoch: Int
        /// Optimiser steps taken so far.
        public var steps: Int
        /// The mean training loss per word over the epoch's batches.
        public var trainingLoss: Double
        /// The loss per word on the held-out split after the epoch.
        public var heldOutLoss: Double
    }

    /// The options training ran with.
    public var options: TrainingOptions
    /// The grammar file the corpus was drawn from, as `train --grammar` named it; `nil` for the package's own.
    public var grammar: String?
    /// The number of training pairs.
    public var trainingPairs: Int
    /// The number of held-out pairs.
    public var heldOutPairs: Int
    /// Every completed epoch, in order.
    public var epochs: [Epoch] = []
    /// The held-out evaluation after the last epoch, when the run computed it.
    public var evaluation: Evaluation?
    /// The sentences whose attention ``snapshots`` keep (`nil` in a record written before runs recorded them).
    public var probes: [Probe]?
    /// The model at each point of the ``RecordingPlan``, in order (`nil` as ``probes``).
    public var snapshots: [LearningSnapshot]?
}
