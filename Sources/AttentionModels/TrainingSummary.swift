/// What a reader of a model needs of the training record a checkpoint carries: how long the
/// model trained, how well it did on sentences it never saw, the seed it started from, and the
/// sentences whose attention the record kept along the way.
///
/// `attention-trace train` writes the whole record (`AttentionTraining`'s `TrainingRecord`)
/// into `__metadata__["training"]`; this decodes only the parts named here, ignoring the rest,
/// so a model can say where its parameters came from without knowing how it was trained. The
/// attention itself (``Snapshot``), most of the record, is decoded only when a lesson asks for it
/// (``ModelCheckpoint/snapshots()``): a trace never needs it.
public struct TrainingSummary: Decodable, Equatable, Sendable {
    /// One completed epoch of the record.
    public struct Epoch: Decodable, Equatable, Sendable {
        /// 1 for the first epoch.
        public var epoch: Int
        /// The loss per word on the held-out split after the epoch.
        public var heldOutLoss: Double
    }

    /// A sentence pair whose attention the record keeps at each snapshot.
    public struct Probe: Decodable, Equatable, Sendable {
        /// The English tokens.
        public var source: [String]
        /// The French tokens.
        public var target: [String]
    }

    /// The probes' attention at one recorded point.
    public struct Snapshot: Decodable, Equatable, Sendable {
        /// The epochs completed: 0 for the parameters training started from.
        public var epoch: Int
        /// For each probe, in the record's order, its teacher-forced attention: one row per
        /// French word (without `⟨/s⟩`), one weight per English word.
        public var alignments: [[[Double]]]
    }

    /// Every completed epoch, in order (none for a checkpoint of initial parameters).
    public var epochs: [Epoch]
    /// The seed the run drew its initial parameters from (`nil` in a record that does not say).
    public var seed: UInt64?
    /// The sentences whose attention the record's snapshots keep (empty when the run recorded none).
    public var probes: [Probe]

    /// A summary of `epochs` from a run seeded with `seed`, with no probes.
    public init(epochs: [Epoch], seed: UInt64?) {
        self.epochs = epochs
        self.seed = seed
        probes = []
    }

    /// The held-out loss after the last epoch, if the model trained at all.
    public var heldOutLoss: Double? { epochs.last?.heldOutLoss }

    private enum CodingKeys: String, CodingKey {
        case epochs, options, probes
    }

    private struct Options: Decodable {
        var seed: UInt64
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        epochs = try container.decode([Epoch].self, forKey: .epochs)
        seed = try container.decodeIfPresent(Options.self, forKey: .options)?.seed
        probes = try container.decodeIfPresent([Probe].self, forKey: .probes) ?? []
    }

    /// The record's snapshots alone, for ``ModelCheckpoint/snapshots()``.
    struct Snapshots: Decodable {
        var snapshots: [Snapshot]?
    }
}
