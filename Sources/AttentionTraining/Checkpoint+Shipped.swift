import Foundation
import SafeTensors

extension Checkpoint {
    /// The RNNsearch model shipped in the package, trained by the project's own trainer with
    /// the command `Docs/models/rnnsearch.md` gives.
    ///
    /// - Throws: The file system's error if the resource cannot be read (a broken installation),
    ///   or ``TrainingError/invalidCheckpoint(_:)``.
    public static func shippedModel() throws -> (model: RNNSearch, record: TrainingRecord?) {
        guard let url = Bundle.module.url(forResource: "rnnsearch", withExtension: "safetensors") else {
            throw TrainingError.invalidCheckpoint("the package's rnnsearch.safetensors resource is missing")
        }
        return try decode(SafeTensorsFile(contentsOf: url))
    }
}
