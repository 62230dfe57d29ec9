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
