import AttentionCheckpoints
import Foundation
import SafeTensors
import Testing

@Suite struct GPT2WeightsTests {
    static func tiny() throws -> (file: SafeTensorsFile, configuration: GPT2Configuration, tensors: [String: SafeTensor]) {
        let folder = try Fixtures.url("tiny-gpt2")
        let file = try SafeTensorsFile(contentsOf: folder.appendingPathComponent("model.safetensors"))
        let configuration = try GPT2Configuration(json: Data(contentsOf: folder.appendingPathComponent("config.json")))
        let tensors = try Dictionary(uniqueKeysWithValues: file.names.map { ($0, try file.tensor(named: $0)) })
        return (file, configuration, tensors)
    }

    static func weights(_ tensors: [String: SafeTensor], _ configuration: GPT2Configuration) throws -> GPT2Weights {
        try GPT2Weights(file: SafeTensorsFile(bytes: SafeTensorsWriter.encode(tensors, as: .f32)), configuration: configuration)
    }

    /// Conv1D weights are read as stored, in × out: c_attn is d × 3d, c_fc d × 4d, mlp.c_proj 4d × d.
    @Test func readsEveryTensorByItsHuggingFaceNameWithoutTransposing() throws {
        let (file, configuration, tensors) = try Self.tiny()
        let weights = try GPT2Weights(file: file, configuration: configuration)
        #expect(weights.layers.count == 2)
        #expect(weights.wordEmbeddings.shape == [379, 8] && weights.positionEmbeddings.shape == [32, 8])
        #expect(weights.layers[0].queryKeyValue.weight.shape == [8, 24])
        #expect(weights.layers[0].queryKeyValue.weight.scalars == tensors["h.0.attn.c_attn.weight"]?.values)
        #expect(weights.layers[1].intermediate.weight.shape == [8, 32])
        #expect(weights.layers[1].output.weight.shape == [32, 8])
        #expect(weights.layers[1].attentionOutput.bias.scalars == tensors["h.1.attn.c_proj.bias"]?.values)
        #expect(weights.layers[1].feedForwardNorm.scale.scalars == tensors["h.1.ln_2.weight"]?.values)
        #expect(weights.finalNorm.shift.scalars == tensors["ln_f.bias"]?.values)
    }

    /// `GPT2LMHeadModel` puts `transformer.` before every name; its `lm_head.weight` and the causal-mask
    /// buffers of older checkpoints are not read.
    @Test func readsNamesUnderTheTaskModelPrefixAndIgnoresTheHeadAndBuffers() throws {
        let (file, configuration, tensors) = try Self.tiny()
        var prefixed = Dictionary(uniqueKeysWithValues: tensors.map { ("transformer." + $0.key, $0.value) })
        prefixed["lm_head.weight"] = tensors["wte.weight"]
        prefixed["transformer.h.0.attn.bias"] = SafeTensor(shape: [1, 1, 32, 32], values: Array(repeating: 1, count: 1024))
        prefixed["transformer.h.0.attn.masked_bias"] = SafeTensor(shape: [], values: [-1e4])
        #expect(try Self.weights(prefixed, configuration) == GPT2Weights(file: file, configuration: configuration))
    }

    @Test func aMissingTensorIsNamed() throws {
        let (_, configuration, tensors) = try Self.tiny()
        var missing = tensors
        missing["h.1.mlp.c_fc.bias"] = nil
        let error = CheckpointError.missingTensor("h.1.mlp.c_fc.bias", file: "model.safetensors")
        #expect(throws: error) { try Self.weights(missing, configuration) }
        #expect("\(error)" == "model.safetensors: no tensor 'h.1.mlp.c_fc.bias'")
        var prefixed = Dictionary(uniqueKeysWithValues: tensors.map { ("transformer." + $0.key, $0.value) })
        prefixed["transformer.ln_f.weight"] = nil
        #expect(throws: CheckpointError.missingTensor("transformer.ln_f.weight", file: "model.safetensors")) {
            try Self.weights(prefixed, configuration)
        }
    }

    /// An `nn.Linear`-shaped (out × in) c_attn is refused, not silently read transposed.
    @Test func aMisshapenTensorIsNamedWithBothShapes() throws {
        let (_, configuration, tensors) = try Self.tiny()
        var wrong = tensors
        let name = "h.0.attn.c_attn.weight"
        wrong[name] = SafeTensor(shape: [24, 8], values: try #require(tensors[name]).values)
        let error = CheckpointError.tensorShape(name, file: "model.safetensors", expected: [8, 24], found: [24, 8])
        #expect(throws: error) { try Self.weights(wrong, configuration) }
        #expect("\(error)" == "model.safetensors: tensor 'h.0.attn.c_attn.weight' should have shape [8, 24], found [24, 8]")
    }
}
