import AttentionCheckpoints
import Foundation
import Testing

@Suite struct BERTModelTests {
    /// A copy of the tiny model's folder, with `change` applied, removed after `body`.
    static func withTinyCopy(_ change: (URL) throws -> Void, _ body: (URL) throws -> Void) throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("tiny-bert-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Fixtures.url("tiny-bert"), to: copy)
        defer { try? FileManager.default.removeItem(at: copy) }
        try change(copy)
        try body(copy)
    }

    @Test(arguments: ["config.json", "model.safetensors"])
    func aFolderWithoutAFileNamesIt(file: String) throws {
        try Self.withTinyCopy({ try FileManager.default.removeItem(at: $0.appendingPathComponent(file)) }) { folder in
            let error = CheckpointError.missingFile(file, folder: folder.path)
            #expect(throws: error) { try BERTModel(folder: folder) }
            #expect("\(error)".hasSuffix("has no '\(file)'"))
        }
    }

    @Test func aFolderWithoutATokenizerNamesBothWaysToGiveOne() throws {
        try Self.withTinyCopy({ try FileManager.default.removeItem(at: $0.appendingPathComponent("vocab.txt")) }) { folder in
            #expect(throws: CheckpointError.missingFiles(alternatives: [["vocab.txt"], ["tokenizer.json"]], folder: folder.path)) {
                try BERTModel(folder: folder)
            }
            #expect("\(CheckpointError.missingFiles(alternatives: [["vocab.txt"], ["tokenizer.json"]], folder: "m"))"
                == "the model folder 'm' has neither 'vocab.txt' nor 'tokenizer.json'")
        }
    }

    @Test func aVocabularyLongerThanTheEmbeddingsIsRefused() throws {
        try Self.withTinyCopy({ folder in
            let handle = try FileHandle(forWritingTo: folder.appendingPathComponent("vocab.txt"))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data("extra\n".utf8))
            try handle.close()
        }) { folder in
            #expect(throws: CheckpointError.invalidVocabulary(
                file: "vocab.txt", reason: "it lists 31 word pieces, but the word embeddings have 30 rows")) {
                try BERTModel(folder: folder)
            }
        }
    }

    /// `tokenizer_config.json` sets lower-casing and accent stripping; without it both are on.
    @Test func theTokenizerConfigurationSetsTheBasicTokenizer() throws {
        try Self.withTinyCopy({ folder in
            try Data(#"{"do_lower_case": false, "strip_accents": null, "tokenizer_class": "BertTokenizer"}"#.utf8)
                .write(to: folder.appendingPathComponent("tokenizer_config.json"))
        }) { folder in
            let basic = try BERTModel(folder: folder).tokenizer.basic
            #expect(basic == BasicTokenizer(lowercases: false, stripsAccents: false))
        }
        let defaults = try BERTModel(folder: Fixtures.url("tiny-bert")).tokenizer.basic
        #expect(defaults == BasicTokenizer(lowercases: true))
        try Self.withTinyCopy({ folder in
            try Data(#"{"do_lower_case": "yes"}"#.utf8).write(to: folder.appendingPathComponent("tokenizer_config.json"))
        }) { folder in
            #expect(throws: CheckpointError.invalidValue(key: "do_lower_case", file: "tokenizer_config.json",
                                                         expected: "true, false or null", found: "yes")) {
                try BERTModel(folder: folder)
            }
        }
    }
}
