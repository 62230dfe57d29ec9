import AttentionCheckpoints
import Foundation
import Testing

@Suite struct WordPieceTokenizerTests {
    static func tokenizer(_ pieces: [String], basic: BasicTokenizer = BasicTokenizer()) throws -> WordPieceTokenizer {
        try WordPieceTokenizer(ids: Dictionary(uniqueKeysWithValues: pieces.enumerated().map { ($1, $0) }), basic: basic)
    }

    /// 52 sentences (accents, punctuation, numbers, CJK, controls, unknown words, special tokens written out) under three settings,
    /// against `transformers`' `BertTokenizer` with the same small vocabulary.
    @Test(arguments: ["uncased", "cased", "uncasedKeepingAccents"])
    func agreesWithTransformers(setting name: String) throws {
        let reference = try Fixtures.decode(TokenizerReference.self, from: "tokenizer-reference.json")
        let setting = try #require(reference.settings[name])
        let tokenizer = try Self.tokenizer(reference.vocabulary, basic: BasicTokenizer(
            lowercases: setting.lowercase, stripsAccents: setting.stripAccents))
        #expect(reference.sentences.count == 52)
        for (sentence, expected) in zip(reference.sentences, setting.ids) {
            #expect(tokenizer.encode(sentence).map(\.id) == expected, "\(sentence)")
        }
    }

    /// The same sentences with MiniLM's own 30 522-piece vocabulary, when the tests are pointed at it.
    @Test(.enabled(if: Fixtures.miniLMFolder != nil)) func agreesWithMiniLMsTokenizer() throws {
        let folder = try #require(Fixtures.miniLMFolder)
        let reference = try Fixtures.decode(TokenizerReference.self, from: "tokenizer-reference.json")
        let model = try BERTModel(folder: folder)
        for (sentence, expected) in zip(reference.sentences, reference.miniLMIds) {
            #expect(model.tokenizer.encode(sentence).map(\.id) == expected, "\(sentence)")
        }
    }

    /// 400 lines of this repository's documentation (code, numbers, symbols, accents) with MiniLM's
    /// vocabulary, against `attention-trace-tokenizer-reference.json`, which `make_bert_fixtures.py`
    /// writes into MiniLM's folder from its `BertTokenizer`.
    @Test(.enabled(if: Fixtures.miniLMFolder != nil)) func agreesWithMiniLMsTokenizerOnTheDocumentation() throws {
        struct Line: Decodable {
            var sentence: String
            var ids: [Int]
        }
        let folder = try #require(Fixtures.miniLMFolder)
        let lines = try JSONDecoder().decode([Line].self, from: Data(
            contentsOf: folder.appendingPathComponent("attention-trace-tokenizer-reference.json")))
        let model = try BERTModel(folder: folder)
        #expect(lines.count == 400)
        let disagreements = lines.filter { model.tokenizer.encode($0.sentence).map(\.id) != $0.ids }
        #expect(disagreements.isEmpty, "\(disagreements.count) lines differ, the first: \(disagreements.first?.sentence ?? "")")
    }

    @Test func basicTokenizationSplitsPunctuationStripsAccentsAndSpacesCJK() {
        let basic = BasicTokenizer()
        #expect(basic.words(in: "Café, naïve!") == ["cafe", ",", "naive", "!"])
        #expect(basic.words(in: "a中b") == ["a", "中", "b"])
        #expect(basic.words(in: "x\u{7}y\tz") == ["xy", "z"])
        #expect(BasicTokenizer(lowercases: false).words(in: "Café") == ["Café"])
        #expect(BasicTokenizer(lowercases: true, stripsAccents: false).words(in: "Café") == ["café"])
    }

    /// Hand-derived: the longest piece first, continuation pieces with `##`, [UNK] for the whole word otherwise.
    @Test func wordPieceTakesTheLongestMatchFirst() throws {
        let tokenizer = try Self.tokenizer(["[UNK]", "[CLS]", "[SEP]", "un", "unaff", "##aff", "##able", "##a", "##ble"])
        #expect(tokenizer.pieces(of: "unaffable").map(\.text) == ["unaff", "##able"])
        #expect(tokenizer.pieces(of: "una").map(\.text) == ["un", "##a"])
        #expect(tokenizer.pieces(of: "unx").map(\.text) == ["[UNK]"])
        #expect(tokenizer.encode("Unaffable unx").map(\.id) == [1, 4, 6, 0, 2])
    }

    @Test func wordsOverAHundredCharactersAreUnknown() throws {
        let tokenizer = try Self.tokenizer(["[UNK]", "[CLS]", "[SEP]", "a", "##a"])
        #expect(tokenizer.pieces(of: String(repeating: "a", count: 100)).count == 100)
        #expect(tokenizer.pieces(of: String(repeating: "a", count: 101)).map(\.text) == ["[UNK]"])
    }

    @Test func aVocabularyWithoutTheSpecialTokensIsRefused() {
        #expect(throws: CheckpointError.invalidVocabulary(file: "vocab.txt", reason: "it has no special token '[CLS]'")) {
            try Self.tokenizer(["[UNK]", "[SEP]", "a"])
        }
    }

    @Test func vocabularyIdsAreLineNumbers() throws {
        let ids = try WordPieceTokenizer.vocabulary(fromVocabFile: Data("[PAD]\n[UNK]\n##s\n a b\n".utf8))
        #expect(ids == ["[PAD]": 0, "[UNK]": 1, "##s": 2, " a b": 3])
        #expect(throws: CheckpointError.invalidVocabulary(file: "vocab.txt", reason: "it lists no word pieces")) {
            try WordPieceTokenizer.vocabulary(fromVocabFile: Data())
        }
    }
}
