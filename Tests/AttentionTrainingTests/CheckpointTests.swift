import AttentionMath
import AttentionModels
@testable import AttentionTraining
import Foundation
import SafeTensors
import Testing

@Suite struct CheckpointTests {
    static func model() throws -> (RNNSearch, TrainingRecord) {
        let trainer = try TinyCorpus.trained(TinyCorpus.options(epochs: 1))
        return (trainer.model, trainer.record)
    }

    @Test func roundTripsTheModelAndItsRecordExactly() throws {
        let (model, record) = try Self.model()
        let file = try SafeTensorsFile(bytes: Checkpoint.encode(model, record: record))
        let decoded = try Checkpoint.decode(file)
        #expect(decoded.model == model)
        #expect(decoded.record == record)
        #expect(file.entries["W_a"]?.shape == [4, 8 + 10])
        #expect(file.entries["v_a"]?.shape == [4])
        #expect(file.entries["decoder.W_z"]?.shape == [6 + 10, 8])
        #expect(file.metadata["target_vocabulary"]?.hasPrefix("[\"⟨s⟩\",\"⟨/s⟩\"") == true)
    }

    @Test func float32HalvesTheSizeAndRoundsEveryValue() throws {
        let (model, _) = try Self.model()
        let file = try SafeTensorsFile(bytes: Checkpoint.encode(model, record: nil as TrainingRecord?, as: .f32))
        let decoded = try Checkpoint.decode(file).model
        #expect(decoded.parameters.scoreWeights.scalars == model.parameters.scoreWeights.scalars.map { Double(Float($0)) })
    }

    static func rewritten(_ change: (inout [String: SafeTensor], inout [String: String]) -> Void) throws -> SafeTensorsFile {
        let (model, record) = try Self.model()
        let original = try SafeTensorsFile(bytes: Checkpoint.encode(model, record: record))
        var tensors = try Dictionary(uniqueKeysWithValues: original.names.map { ($0, try original.tensor(named: $0)) })
        var metadata = original.metadata
        change(&tensors, &metadata)
        return try SafeTensorsFile(bytes: SafeTensorsWriter.encode(tensors, as: .f64, metadata: metadata))
    }

    @Test func aMissingTensorIsNamed() throws {
        let file = try Self.rewritten { tensors, _ in tensors["readout.b_y"] = nil }
        #expect(throws: ModelError.invalidCheckpoint("tensor 'readout.b_y' is missing")) { try Checkpoint.decode(file) }
    }

    @Test func anUnknownTensorGetsADidYouMean() throws {
        let file = try Self.rewritten { tensors, _ in tensors["W_A"] = SafeTensor(shape: [1], values: [0]) }
        #expect(throws: ModelError.invalidCheckpoint("unknown tensor 'W_A' (did you mean 'W_a'?)")) { try Checkpoint.decode(file) }
    }

    @Test func aWrongShapeIsNamedWithTheExpectedOne() throws {
        let file = try Self.rewritten { tensors, _ in tensors["v_a"] = SafeTensor(shape: [5], values: [0, 0, 0, 0, 0]) }
        #expect(throws: ModelError.invalidCheckpoint(
            "tensor 'v_a' has shape [5], expected [4] for the sizes and vocabularies in its metadata")) { try Checkpoint.decode(file) }
    }

    @Test func aVocabularyThatDoesNotMatchTheTensorsIsRefused() throws {
        let file = try Self.rewritten { _, metadata in metadata["source_vocabulary"] = #"["the","cat"]"# }
        #expect(throws: ModelError.invalidCheckpoint(
            "tensor 'encoder.embedding' has shape [6, 6], expected [2, 6] for the sizes and vocabularies in its metadata")) {
            try Checkpoint.decode(file)
        }
    }

    @Test func badMetadataIsNamed() throws {
        let noFormat = try Self.rewritten { _, metadata in metadata["format"] = nil }
        #expect(throws: ModelError.invalidCheckpoint("metadata 'format' is missing, expected 'attention-trace/rnnsearch/1'")) {
            try Checkpoint.decode(noFormat)
        }
        let badSizes = try Self.rewritten { _, metadata in metadata["configuration"] = "{" }
        #expect(throws: ModelError.invalidCheckpoint("metadata 'configuration' is not valid JSON of the expected form")) {
            try Checkpoint.decode(badSizes)
        }
        let sizes = #""attentionSize":4,"decoderSize":8,"embeddingSize":6,"encoderSize":5,"readoutSize":8"#
        for (configuration, message) in [
            ("{\(sizes.replacingOccurrences(of: "\"readoutSize\":8", with: "\"readoutSize\":0"))}", "readoutSize 0: must be at least 1"),
            ("{\(sizes),\"score\":\"dot\"}", "decoderSize 8: the dot score needs d_s = d_h = 2 · d_enc = 10"),
            ("{\(sizes),\"locality\":\"local-p\",\"window\":0,\"positionSize\":2}",
             "window 0: local-p needs a window of at least 1: its Gaussian has σ = D/2, which must be positive"),
            ("{\(sizes),\"locality\":\"local-m\",\"window\":-1}", "window -1: must not be negative"),
        ] {
            let bad = try Self.rewritten { _, metadata in metadata["configuration"] = configuration }
            #expect(throws: ModelError.invalidCheckpoint("metadata 'configuration' has \(message)")) { try Checkpoint.decode(bad) }
        }
        let noWindow = try Self.rewritten { _, metadata in metadata["configuration"] = "{\(sizes),\"locality\":\"local-m\"}" }
        #expect(throws: ModelError.invalidCheckpoint("metadata 'configuration' is not valid JSON of the expected form")) {
            try Checkpoint.decode(noWindow)
        }
        let twice = try Self.rewritten { _, metadata in metadata["target_vocabulary"] = #"["⟨s⟩","⟨/s⟩","le","le","chat","noir","blanc","chien","dort"]"# }
        #expect(throws: ModelError.invalidCheckpoint("metadata 'target_vocabulary' lists a token twice")) {
            try Checkpoint.decode(twice)
        }
    }
}
