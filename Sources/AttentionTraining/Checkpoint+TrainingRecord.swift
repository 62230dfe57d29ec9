import AttentionModels
import SafeTensors

extension Checkpoint {
    /// The model in a checkpoint file and the record of the run that trained it, if any.
    ///
    /// - Throws: ``SafeTensorsError`` or ``ModelError/invalidCheckpoint(_:)``.
    public static func decode(_ file: SafeTensorsFile) throws -> (model: RNNSearch, record: TrainingRecord?) {
        try decode(file, record: TrainingRecord.self)
    }
}
