import Foundation
import SafeTensors

/// A model read from a checkpoint, with where it came from: the file's name and what its
/// training record says.
///
/// The engine traces it and says so in every parameter's provenance (``provenance``).
public struct ModelCheckpoint: Sendable {
    /// The file name of the package's own trained model, in `AttentionModels`' resources.
    public static let shippedName = shippedName(for: .additive)

    /// The file name of the package's trained model with `score`: `rnnsearch.safetensors`, `rnnsearch-general.safetensors`.
    public static func shippedName(for score: ModelConfiguration.Score) -> String {
        score == .additive ? "rnnsearch.safetensors" : "rnnsearch-\(score.rawValue).safetensors"
    }

    /// The model.
    public let model: RNNSearch
    /// The checkpoint's file name, such as `rnnsearch.safetensors`.
    public let name: String
    /// How the model trained, when the checkpoint records it.
    public let training: TrainingSummary?
    /// The checkpoint's training record as JSON, kept for ``snapshots()``.
    private let trainingRecord: String?

    /// A model with the name and training summary its traces give it, and no snapshots.
    public init(model: RNNSearch, name: String, training: TrainingSummary?) {
        self.model = model
        self.name = name
        self.training = training
        trainingRecord = nil
    }

    /// Reads a checkpoint from its bytes.
    ///
    /// - Parameters:
    ///   - bytes: A safetensors file as `attention-trace train` writes it.
    ///   - name: The file's name, for provenance.
    /// - Throws: ``SafeTensorsError`` for bytes that are not safetensors, ``ModelError/invalidCheckpoint(_:)``
    ///   for a metadata key or tensor that is missing, unknown, malformed or of the wrong shape.
    public init(bytes: Data, name: String) throws {
        let file = try SafeTensorsFile(bytes: bytes)
        (model, training) = try Checkpoint.decode(file, record: TrainingSummary.self)
        trainingRecord = file.metadata[Checkpoint.Key.training]
        self.name = name
    }

    /// The attention of the record's ``TrainingSummary/probes`` at every point training kept, in
    /// order; empty for a checkpoint without a record or a record without snapshots.
    ///
    /// Decoded from the record each time it is asked for: the snapshots are most of the record
    /// (about 16 KB of the shipped model's 19 KB), and a trace needs none of them.
    ///
    /// - Throws: ``ModelError/invalidCheckpoint(_:)`` when the record's snapshots are malformed.
    public func snapshots() throws(ModelError) -> [TrainingSummary.Snapshot] {
        guard let trainingRecord else { return [] }
        return try Checkpoint.metadataValue(TrainingSummary.Snapshots.self, key: Checkpoint.Key.training, text: trainingRecord)
            .snapshots ?? []
    }

    /// Where the package's own trained model with `score` is, or `nil` when this build carries none.
    public static func shippedURL(score: ModelConfiguration.Score = .additive) -> URL? {
        Bundle.module.url(forResource: (shippedName(for: score) as NSString).deletingPathExtension, withExtension: "safetensors",
                          subdirectory: "Resources")
    }

    /// The package's own trained model with `score` (the additive RNNsearch unless said), or `nil`
    /// when this build carries none.
    ///
    /// - Throws: What ``init(bytes:name:)`` throws, should the shipped file be damaged.
    public static func shipped(score: ModelConfiguration.Score = .additive) throws -> ModelCheckpoint? {
        guard let url = shippedURL(score: score) else { return nil }
        return try ModelCheckpoint(bytes: Data(contentsOf: url), name: shippedName(for: score))
    }

    /// Where the parameters came from, for a trace: `checkpoint rnnsearch.safetensors (trained by
    /// attention-trace train, 12 epochs, held-out loss 0.0312)`.
    public var provenance: String {
        let history = switch (training?.epochs.count, training?.heldOutLoss) {
        case let (epochs?, loss?) where epochs > 0:
            "trained by attention-trace train, \(epochs) epoch\(epochs == 1 ? "" : "s"), held-out loss \((loss * 10_000).rounded() / 10_000)"
        case (.some, _):
            "initial parameters of attention-trace train, not trained"
        case (nil, _):
            "no training record"
        }
        return "checkpoint \(name) (\(history))"
    }
}
