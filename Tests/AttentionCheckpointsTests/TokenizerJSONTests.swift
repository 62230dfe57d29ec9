import AttentionCheckpoints
import Foundation
import Testing

/// Folders whose tokenizer is only a `tokenizer.json`: the files `transformers`' fast tokenizers saved
/// from the tiny models' vocabularies (`make_tokenizer_json_fixtures.py`), against the ids those fast
/// tokenizers give 33 sentences.
@Suite struct TokenizerJSONTests {
    struct Reference: Decodable {
        var sentences: [String]
        var ids: [String: [[Int]]]
    }

    let reference: Reference

    init() throws {
        reference = try Fixtures.decode(Reference.self, from: "tokenizer-json-reference.json")
    }

    /// A copy of the tiny model `model` with its vocabulary files replaced by `tokenizer` as `tokenizer.json`.
    static func withTokenizerJSONOnly(_ model: String, _ tokenizer: String, removing files: [String],
                                      _ body: (URL) throws -> Void) throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("\(model)-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Fixtures.url(model), to: copy)
        defer { try? FileManager.default.removeItem(at: copy) }
        for file in files { try FileManager.default.removeItem(at: copy.appendingPathComponent(file)) }
        try FileManager.default.copyItem(at: Fixtures.url(tokenizer), to: copy.appendingPathComponent("tokenizer.json"))
        try body(copy)
    }

    @Test(arguments: ["tiny-bert-tokenizer.json", "tiny-bert-cased-tokenizer.json"])
    func aBERTFolderWithOnlyTokenizerJSONTokenizesAsTheFastTokenizer(_ tokenizer: String) throws {
        let expected = try #require(reference.ids[tokenizer])
        try Self.withTokenizerJSONOnly("tiny-bert", tokenizer, removing: ["vocab.txt"]) { folder in
            let model = try BERTModel(folder: folder)
            #expect(model.tokenizer.basic.lowercases == (tokenizer == "tiny-bert-tokenizer.json"))
            for (sentence, ids) in zip(reference.sentences, expected) {
                #expect(model.tokenizer.encode(sentence).map(\.id) == ids, "\(sentence)")
            }
        }
    }

    @Test func aGPT2FolderWithOnlyTokenizerJSONTokenizesAsTheFastTokenizer() throws {
        let expected = try #require(reference.ids["tiny-gpt2-tokenizer.json"])
        try Self.withTokenizerJSONOnly("tiny-gpt2", "tiny-gpt2-tokenizer.json", removing: ["vocab.json", "merges.txt"]) { folder in
            let model = try GPT2Model(folder: folder)
            #expect(model.tokenizer.splitting == .gpt2)
            for (sentence, ids) in zip(reference.sentences, expected) {
                #expect(try model.tokenizer.encode(sentence).map(\.id) == ids, "\(sentence)")
            }
        }
        try GPT2ModelTests.withTinyCopy({ folder in
            for file in ["vocab.json", "merges.txt"] { try FileManager.default.removeItem(at: folder.appendingPathComponent(file)) }
        }) { folder in
            #expect(throws: CheckpointError.missingFiles(alternatives: [["vocab.json", "merges.txt"], ["tokenizer.json"]],
                                                         folder: folder.path)) {
                try GPT2Model(folder: folder)
            }
        }
    }

    /// A tokenizer this package would compute differently is refused naming the key, never approximated.
    @Test(arguments: [
        (#""type": "WordPiece""#, #""type": "Unigram""#, "tokenizer.json: key 'model.type' should be WordPiece, found Unigram"),
        (#""type": "BertPreTokenizer""#, #""type": "Whitespace""#,
         "tokenizer.json: key 'pre_tokenizer.type' should be BertPreTokenizer, found Whitespace"),
        (#""lowercase": true"#, #""lowercase": "yes""#, "tokenizer.json: key 'normalizer.lowercase' should be true, false or null, found yes"),
        (#""clean_text": true"#, #""clean_text": false"#, "tokenizer.json: key 'normalizer.clean_text' should be true, found false"),
    ])
    func anUnsupportedBERTTokenizerIsRefused(_ original: String, _ replacement: String, _ message: String) throws {
        let text = try String(contentsOf: Fixtures.url("tiny-bert-tokenizer.json"), encoding: .utf8)
        #expect(text.contains(original))
        try Self.withTokenizerJSONOnly("tiny-bert", "tiny-bert-tokenizer.json", removing: ["vocab.txt"]) { folder in
            try Data(text.replacingOccurrences(of: original, with: replacement).utf8).write(to: folder.appendingPathComponent("tokenizer.json"))
            #expect(performing: { try BERTModel(folder: folder) }, throws: { "\($0)" == message })
        }
    }

    @Test func aGPT2TokenizerWithAPrefixSpaceIsRefused() throws {
        let text = try String(contentsOf: Fixtures.url("tiny-gpt2-tokenizer.json"), encoding: .utf8)
        try Self.withTokenizerJSONOnly("tiny-gpt2", "tiny-gpt2-tokenizer.json", removing: ["vocab.json", "merges.txt"]) { folder in
            try Data(text.replacingOccurrences(of: #""add_prefix_space": false"#, with: #""add_prefix_space": true"#).utf8)
                .write(to: folder.appendingPathComponent("tokenizer.json"))
            #expect(performing: { try GPT2Model(folder: folder) }, throws: {
                "\($0)".hasPrefix("tokenizer.json: key 'pre_tokenizer' should be ByteLevel with GPT-2's pattern and no prefix space")
            })
        }
    }

    /// all-MiniLM-L6-v2's own `tokenizer.json` in place of its `vocab.txt`, when `ATTENTION_TRACE_MINILM`
    /// names its folder: the ids of `BertTokenizer` on 400 lines of the documentation.
    @Test(.enabled(if: Fixtures.miniLMFolder != nil)) func miniLMsTokenizerJSONAgreesWithItsVocabulary() throws {
        struct Line: Decodable {
            var sentence: String
            var ids: [Int]
        }
        let original = try #require(Fixtures.miniLMFolder)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("minilm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for file in ["config.json", "model.safetensors", "tokenizer.json"] {
            try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent(file),
                                                       withDestinationURL: original.appendingPathComponent(file))
        }
        let model = try BERTModel(folder: folder)
        let lines = try JSONDecoder().decode([Line].self, from: Data(
            contentsOf: original.appendingPathComponent("attention-trace-tokenizer-reference.json")))
        let disagreements = lines.filter { model.tokenizer.encode($0.sentence).map(\.id) != $0.ids }
        #expect(disagreements.isEmpty, "\(disagreements.count) lines differ, the first: \(disagreements.first?.sentence ?? "")")
    }
}
