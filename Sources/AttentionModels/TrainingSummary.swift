/// What a reader of a model needs of the training record a checkpoint carries: how long the
/// model trained and how well it did on sentences it never saw.
///
/// `attention-trace train` writes the whole record (`AttentionTraining`'s `TrainingRecord`)
/// into `__metadata__["training"]`; this decodes only its `epochs` (each with its
/// `heldOutLoss`), ignoring the rest, so a model can say where its parameters came from
/// without knowing how it was trained.
public struct TrainingSummary: Decodable, Equatable, Sendable {
    /// One completed epoch of the record.
    public struct Epoch: Decodable, Equatable, Sendable {
        /// 1 for the first epoch.
        public var epoch: Int
        /// The loss per word on the held-out split after the epoch.
        public var heldOutLoss: Double
    }

    /// Every completed epoch, in order (none for a checkpoint of initial parameters).
    public var epochs: [Epoch]

    /// The held-out loss after the last epoch, if the model trained at all.
    public var heldOutLoss: Double? { epochs.last?.heldOutLoss }
}
