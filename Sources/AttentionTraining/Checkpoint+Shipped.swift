import AttentionModels
import Foundation
import SafeTensors

extension Checkpoint {
    /// The RNNsearch model shipped in the package (``ModelCheckpoint/shippedURL``), trained by
    /// the project's own trainer with the command `Docs/models/rnnsearch.md` gives, and its record.
    ///
    /// - Throws: The file system's error if the resource cannot be read (a broken installation),
    ///   or ``ModelError/invalidCheckpoint(_:)``.
    public static func shippedModel() throws -> (model: RNNSearch, record: TrainingRecord?) {
        guard let url = ModelCheckpoint.shippedURL else {
            throw ModelError.invalidCheckpoint("the package's \(ModelCheckpoint.shippedName) resource is missing")
        }
        return try decode(SafeTensorsFile(contentsOf: url))
    }
}
