import AttentionCheckpoints
import Foundation
import Testing

@Suite struct GPT2ModelTests {
    /// A copy of the tiny model's folder, with `change` applied, removed after `body`.
    static func withTinyCopy(_ change: (URL) throws -> Void, _ body: (URL) throws -> Void) throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("tiny-gpt2-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Fixtures.url("tiny-gpt2"), to: copy)
        defer { try? FileManager.default.removeItem(at: copy) }
        try change(copy)
        try body(copy)
    }

    @Test(arguments: ["config.json", "model.safetensors", "vocab.json", "merges.txt"])
    func aFolderWithoutAFileNamesIt(file: String) throws {
        try Self.withTinyCopy({ try FileManager.default.removeItem(at: $0.appendingPathComponent(file)) }) { folder in
            let error = CheckpointError.missingFile(file, folder: folder.path)
            #expect(throws: error) { try GPT2Model(folder: folder) }
            #expect("\(error)" == "the model folder '\(folder.path)' has no '\(file)'")
        }
    }

    /// A BERT `config.json` in a GPT-2 folder is refused by its first key GPT-2 does not have.
    @Test func aBERTConfigurationIsRefused() throws {
        try Self.withTinyCopy({ folder in
            let config = folder.appendingPathComponent("config.json")
            try FileManager.default.removeItem(at: config)
            try FileManager.default.copyItem(at: Fixtures.url("tiny-bert/config.json"), to: config)
        }) { folder in
            #expect(throws: CheckpointError.unknownKey("attention_probs_dropout_prob", file: "config.json",
                                                       suggestion: nil)) {
                try GPT2Model(folder: folder)
            }
        }
    }

    @Test func aVocabularyWithIdsBeyondTheEmbeddingsIsRefused() throws {
        try Self.withTinyCopy({ folder in
            try Data(#"{"a": 0, "b": 379}"#.utf8).write(to: folder.appendingPathComponent("vocab.json"))
        }) { folder in
            #expect(throws: CheckpointError.invalidVocabulary(
                file: "vocab.json", reason: "it has ids up to 379, but the word embeddings have 379 rows")) {
                try GPT2Model(folder: folder)
            }
        }
    }

    @Test func aMalformedMergesFileIsNamed() throws {
        try Self.withTinyCopy({ folder in
            try Data("#version: 0.2\nh e\nat\n".utf8).write(to: folder.appendingPathComponent("merges.txt"))
        }) { folder in
            #expect(throws: CheckpointError.invalidVocabulary(
                file: "merges.txt", reason: "line 3 is not two symbols separated by one space: 'at'")) {
                try GPT2Model(folder: folder)
            }
        }
    }
}
