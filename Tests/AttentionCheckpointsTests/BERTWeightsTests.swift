import AttentionCheckpoints
import Foundation
import SafeTensors
import Testing

@Suite struct BERTWeightsTests {
    static func tiny() throws -> (file: SafeTensorsFile, configuration: BERTConfiguration, tensors: [String: SafeTensor]) {
        let folder = try Fixtures.url("tiny-bert")
        let file = try SafeTensorsFile(contentsOf: folder.appendingPathComponent("model.safetensors"))
        let configuration = try BERTConfiguration(json: Data(contentsOf: folder.appendingPathComponent("config.json")))
        let tensors = try Dictionary(uniqueKeysWithValues: file.names.map { ($0, try file.tensor(named: $0)) })
        return (file, configuration, tensors)
    }

    static func weights(_ tensors: [String: SafeTensor], _ configuration: BERTConfiguration) throws -> BERTWeights {
        try BERTWeights(file: SafeTensorsFile(bytes: SafeTensorsWriter.encode(tensors, as: .f32)), configuration: configuration)
    }

    @Test func readsEveryTensorByItsHuggingFaceName() throws {
        let (file, configuration, tensors) = try Self.tiny()
        let weights = try BERTWeights(file: file, configuration: configuration)
        #expect(weights.layers.count == 2)
        #expect(weights.wordEmbeddings.shape == [30, 8])
        #expect(weights.layers[1].intermediate.weight.shape == [16, 8])
        #expect(weights.layers[1].output.weight.shape == [8, 16])
        #expect(weights.layers[0].query.bias.scalars == tensors["encoder.layer.0.attention.self.query.bias"]?.values)
        #expect(weights.layers[1].outputNorm.scale.scalars == tensors["encoder.layer.1.output.LayerNorm.weight"]?.values)
    }

    /// Task models (`BertForMaskedLM`, …) put `bert.` before every encoder name; their heads are not read.
    @Test func readsNamesUnderTheTaskModelPrefix() throws {
        let (file, configuration, tensors) = try Self.tiny()
        var prefixed = Dictionary(uniqueKeysWithValues: tensors.map { ("bert." + $0.key, $0.value) })
        prefixed["cls.predictions.bias"] = SafeTensor(shape: [30], values: Array(repeating: 0, count: 30))
        #expect(try Self.weights(prefixed, configuration) == BERTWeights(file: file, configuration: configuration))
    }

    @Test func aMissingTensorIsNamed() throws {
        let (_, configuration, tensors) = try Self.tiny()
        var missing = tensors
        missing["encoder.layer.1.attention.self.value.bias"] = nil
        #expect(throws: CheckpointError.missingTensor("encoder.layer.1.attention.self.value.bias", file: "model.safetensors")) {
            try Self.weights(missing, configuration)
        }
    }

    @Test func aMisshapenTensorIsNamedWithBothShapes() throws {
        let (_, configuration, tensors) = try Self.tiny()
        var wrong = tensors
        let name = "encoder.layer.0.intermediate.dense.weight"
        wrong[name] = SafeTensor(shape: [8, 16], values: try #require(tensors[name]).values)
        let error = CheckpointError.tensorShape(name, file: "model.safetensors", expected: [16, 8], found: [8, 16])
        #expect(throws: error) { try Self.weights(wrong, configuration) }
        #expect("\(error)" == "model.safetensors: tensor 'encoder.layer.0.intermediate.dense.weight' should have shape [16, 8], found [8, 16]")
    }
}
