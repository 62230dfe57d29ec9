import AttentionCheckpoints
import Foundation
import Testing

@Suite struct GPT2ConfigurationTests {
    /// The `config.json` of Hugging Face's `gpt2` (GPT-2 small), as its repository ships it.
    static let gpt2 = """
    {"activation_function": "gelu_new", "architectures": ["GPT2LMHeadModel"], "attn_pdrop": 0.1, "bos_token_id": 50256,
     "embd_pdrop": 0.1, "eos_token_id": 50256, "initializer_range": 0.02, "layer_norm_epsilon": 1e-05,
     "model_type": "gpt2", "n_ctx": 1024, "n_embd": 768, "n_head": 12, "n_layer": 12, "n_positions": 1024,
     "resid_pdrop": 0.1, "summary_activation": null, "summary_first_dropout": 0.1, "summary_proj_to_labels": true,
     "summary_type": "cls_index", "summary_use_proj": true,
     "task_specific_params": {"text-generation": {"do_sample": true, "max_length": 50}}, "vocab_size": 50257}
    """

    static func configuration(_ json: String) throws -> GPT2Configuration {
        try GPT2Configuration(json: Data(json.utf8))
    }

    /// `gpt2` with `key` set to the JSON value `value`, or removed when `value` is nil.
    static func gpt2(setting key: String, to value: String?) throws -> String {
        var fields = try #require(try JSONSerialization.jsonObject(with: Data(gpt2.utf8)) as? [String: Any])
        fields[key] = try value.map { try JSONSerialization.jsonObject(with: Data($0.utf8), options: .fragmentsAllowed) }
        return String(decoding: try JSONSerialization.data(withJSONObject: fields), as: UTF8.self)
    }

    @Test func readsGPT2SmallsSizes() throws {
        let configuration = try Self.configuration(Self.gpt2)
        #expect(configuration == GPT2Configuration(hiddenSize: 768, headCount: 12, layerCount: 12, intermediateSize: 3072,
                                                   layerNormEpsilon: 1e-5, vocabularySize: 50257, maxPositions: 1024))
        #expect(configuration.headSize == 64)
    }

    @Test func theTinyFixturesConfigurationIsRead() throws {
        let configuration = try GPT2Configuration(json: Data(contentsOf: Fixtures.url("tiny-gpt2/config.json")))
        #expect(configuration == GPT2Configuration(hiddenSize: 8, headCount: 2, layerCount: 2, intermediateSize: 32,
                                                   layerNormEpsilon: 1e-5, vocabularySize: 379, maxPositions: 32))
    }

    /// `n_inner` sets the feed-forward width; `null` or absent means 4d.
    @Test func nInnerSetsTheFeedForwardWidth() throws {
        #expect(try Self.configuration(try Self.gpt2(setting: "n_inner", to: "1000")).intermediateSize == 1000)
        #expect(try Self.configuration(try Self.gpt2(setting: "n_inner", to: "null")).intermediateSize == 3072)
        #expect(throws: CheckpointError.invalidValue(key: "n_inner", file: "config.json", expected: "a positive integer",
                                                     found: "0")) {
            try Self.configuration(try Self.gpt2(setting: "n_inner", to: "0"))
        }
    }

    @Test(arguments: ["n_embd", "n_head", "n_layer", "n_positions", "layer_norm_epsilon", "vocab_size"])
    func aMissingSizeIsNamed(key: String) throws {
        let json = try Self.gpt2(setting: key, to: nil)
        #expect(!json.contains("\"\(key)\""))
        #expect(throws: CheckpointError.missingKey(key, file: "config.json")) { try Self.configuration(json) }
    }

    @Test func anUnknownKeyGetsADidYouMean() {
        let error = CheckpointError.unknownKey("n_embed", file: "config.json", suggestion: "n_embd")
        #expect(throws: error) { try Self.configuration(try Self.gpt2(setting: "n_embed", to: "768")) }
        #expect("\(error)" == "config.json: unknown key 'n_embed' (did you mean 'n_embd'?)")
    }

    @Test func onlyGPT2WithGeluNewAndPlainAttentionIsAccepted() throws {
        let modelType = CheckpointError.invalidValue(key: "model_type", file: "config.json", expected: "\"gpt2\"", found: "bert")
        #expect(throws: modelType) { try Self.configuration(try Self.gpt2(setting: "model_type", to: "\"bert\"")) }
        #expect("\(modelType)" == "config.json: key 'model_type' should be \"gpt2\", found bert")
        #expect(throws: CheckpointError.invalidValue(key: "activation_function", file: "config.json",
                                                     expected: "\"gelu_new\"", found: "relu")) {
            try Self.configuration(try Self.gpt2(setting: "activation_function", to: "\"relu\""))
        }
        #expect(throws: CheckpointError.invalidValue(key: "scale_attn_by_inverse_layer_idx", file: "config.json",
                                                     expected: "false", found: "1")) {
            try Self.configuration(try Self.gpt2(setting: "scale_attn_by_inverse_layer_idx", to: "true"))
        }
        #expect(throws: CheckpointError.invalidValue(key: "scale_attn_weights", file: "config.json",
                                                     expected: "true", found: "0")) {
            try Self.configuration(try Self.gpt2(setting: "scale_attn_weights", to: "false"))
        }
        #expect(try Self.configuration(try Self.gpt2(setting: "reorder_and_upcast_attn", to: "false")).layerCount == 12)
    }

    @Test func sizesMustBePositiveIntegersAndHeadsDivideTheWidth() {
        for bad in ["0", "1.5", "true", "\"768\"", "null"] {
            #expect(throws: CheckpointError.self) { try Self.configuration(try Self.gpt2(setting: "n_embd", to: bad)) }
        }
        #expect(throws: CheckpointError.invalidValue(key: "n_head", file: "config.json",
                                                     expected: "a divisor of n_embd 768", found: "7")) {
            try Self.configuration(try Self.gpt2(setting: "n_head", to: "7"))
        }
        #expect(throws: CheckpointError.malformedConfiguration(file: "config.json", reason: "it is not a JSON object")) {
            try Self.configuration("\"gpt2\"")
        }
    }
}
