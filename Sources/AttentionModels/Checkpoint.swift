import AttentionMath
import Foundation
import NameSuggestions
import SafeTensors

/// An RNNsearch model as a safetensors file: every parameter as a tensor named as in
/// `Docs/models/rnnsearch.md`, and in `__metadata__` (JSON strings) the format, the sizes, both
/// vocabularies and, if the model was trained, the training record.
///
/// The record's type belongs to whoever wrote it (`AttentionTraining`'s `TrainingRecord`);
/// a reader that needs only part of it decodes that part (``TrainingSummary``).
public enum Checkpoint {
    /// The `__metadata__` keys.
    enum Key {
        static let format = "format", configuration = "configuration"
        static let sourceVocabulary = "source_vocabulary", targetVocabulary = "target_vocabulary"
        static let training = "training"
    }

    /// The value of `__metadata__["format"]`.
    public static let format = "attention-trace/rnnsearch/1"

    /// The bytes of a checkpoint of `model`.
    ///
    /// - Parameters:
    ///   - record: The training run, if any, stored as JSON in `__metadata__["training"]`.
    ///   - dtype: `F64` (exact) or `F32` (half the size).
    /// - Throws: ``SafeTensorsError`` if `dtype` cannot be written.
    public static func encode<Record: Encodable>(_ model: RNNSearch, record: Record?, as dtype: DType = .f64) throws -> Data {
        var tensors: [String: SafeTensor] = [:]
        for field in model.parameters.fields {
            let matrix = model.parameters[keyPath: field.path]
            tensors[field.name] = SafeTensor(shape: field.isVector ? [matrix.columns] : matrix.shape, values: matrix.scalars)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        func json(_ value: some Encodable) throws -> String { String(decoding: try encoder.encode(value), as: UTF8.self) }
        var metadata = [
            Key.format: format,
            Key.configuration: try json(model.configuration),
            Key.sourceVocabulary: try json(model.sourceVocabulary.tokens),
            Key.targetVocabulary: try json(model.targetVocabulary.tokens),
        ]
        if let record { metadata[Key.training] = try json(record) }
        return try SafeTensorsWriter.encode(tensors, as: dtype, metadata: metadata)
    }

    /// The model (and its training record, if it has one, read as `Record`) in a checkpoint file.
    ///
    /// - Throws: ``SafeTensorsError`` for a file that is not valid safetensors;
    ///   ``ModelError/invalidCheckpoint(_:)`` naming the metadata key or tensor that is
    ///   missing, unknown, malformed or of the wrong shape.
    public static func decode<Record: Decodable>(_ file: SafeTensorsFile, record: Record.Type) throws -> (model: RNNSearch, record: Record?) {
        guard file.metadata[Key.format] == format else {
            throw ModelError.invalidCheckpoint("metadata 'format' is \(file.metadata[Key.format].map { "'\($0)'" } ?? "missing"), expected '\(format)'")
        }
        let configuration = try value(ModelConfiguration.self, key: Key.configuration, in: file)
        if let problem = configuration.problem {
            throw ModelError.invalidCheckpoint("metadata '\(Key.configuration)' has \(problem.key) \(problem.value): \(problem.reason)")
        }
        let source = try vocabulary(key: Key.sourceVocabulary, in: file)
        let target = try vocabulary(key: Key.targetVocabulary, in: file)
        guard target.tokens.starts(with: [Vocabulary.start, Vocabulary.end]) else {
            throw ModelError.invalidCheckpoint("metadata '\(Key.targetVocabulary)' must start with \(Vocabulary.start) and \(Vocabulary.end)")
        }
        let record = try file.metadata[Key.training].map { _ in try value(Record.self, key: Key.training, in: file) }

        var parameters = ModelParameters(zerosFor: configuration, sourceWords: source.count, targetWords: target.count)
        let fields = parameters.fields
        for name in file.names where !fields.contains(where: { $0.name == name }) {
            let suggestion = closestName(to: name, among: fields.map(\.name)).map { " (did you mean '\($0)'?)" } ?? ""
            throw ModelError.invalidCheckpoint("unknown tensor '\(name)'\(suggestion)")
        }
        for field in fields {
            let expected = parameters[keyPath: field.path]
            let shape = field.isVector ? [expected.columns] : expected.shape
            guard file.entries[field.name] != nil else {
                throw ModelError.invalidCheckpoint("tensor '\(field.name)' is missing")
            }
            let tensor = try file.tensor(named: field.name)
            guard tensor.shape == shape else {
                throw ModelError.invalidCheckpoint("tensor '\(field.name)' has shape \(tensor.shape), expected \(shape) for the sizes and vocabularies in its metadata")
            }
            parameters[keyPath: field.path] = Matrix(rows: expected.rows, columns: expected.columns, scalars: tensor.values)
        }
        return (RNNSearch(configuration: configuration, sourceVocabulary: source, targetVocabulary: target,
                          parameters: parameters), record)
    }

    private static func value<Value: Decodable>(_ type: Value.Type, key: String, in file: SafeTensorsFile) throws -> Value {
        guard let text = file.metadata[key] else { throw ModelError.invalidCheckpoint("metadata '\(key)' is missing") }
        return try metadataValue(type, key: key, text: text)
    }

    /// `text`, the JSON of the metadata entry `key`, decoded as `type`.
    static func metadataValue<Value: Decodable>(_ type: Value.Type, key: String, text: String) throws(ModelError) -> Value {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw .invalidCheckpoint("metadata '\(key)' is not valid JSON of the expected form")
        }
    }

    private static func vocabulary(key: String, in file: SafeTensorsFile) throws -> Vocabulary {
        let tokens = try value([String].self, key: key, in: file)
        guard Set(tokens).count == tokens.count else {
            throw ModelError.invalidCheckpoint("metadata '\(key)' lists a token twice")
        }
        return Vocabulary(tokens: tokens)
    }
}
