import AttentionModels
import Foundation
import SafeTensors

extension Checkpoint {
    /// The RNNsearch model with `score` shipped in the package (``ModelCheckpoint/shippedURL(score:)``),
    /// trained by the project's own trainer with the command `Docs/models/rnnsearch.md` gives, and its record.
    ///
    /// - Throws: The file system's error if the resource cannot be read (a broken installation),
    ///   or ``ModelError/invalidCheckpoint(_:)``.
    public static func shippedModel(score: ModelConfiguration.Score = .additive) throws -> (model: RNNSearch, record: TrainingRecord?) {
        guard let url = ModelCheckpoint.shippedURL(score: score) else {
            throw ModelError.invalidCheckpoint("the package's \(ModelCheckpoint.shippedName(for: score)) resource is missing")
        }
        return try decode(SafeTensorsFile(contentsOf: url))
    }
}
