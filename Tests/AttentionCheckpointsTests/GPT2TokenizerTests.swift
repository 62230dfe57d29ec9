import AttentionCheckpoints
import Foundation
import Testing

@Suite struct GPT2TokenizerTests {
    static func tiny() throws -> BPETokenizer {
        try GPT2Model(folder: Fixtures.url("tiny-gpt2")).tokenizer
    }

    /// 33 sentences (contractions, punctuation, numbers, accents, combining marks, emoji with modifiers and flags,
    /// CJK, Greek, Cyrillic, tabs, newlines, runs of spaces, no-break, em and ideographic spaces, a vertical tab,
    /// U+0085, a form feed, the information separators, the empty string) against `transformers`' `GPT2Tokenizer`
    /// with the same vocabulary and merges.
    @Test func agreesWithTransformers() throws {
        let tokenizer = try Self.tiny()
        let reference = try Fixtures.decode(GPT2TokenizerReference.self, from: "gpt2-tokenizer-reference.json")
        #expect(reference.sentences.count == 33)
        for (sentence, expected) in zip(reference.sentences, reference.ids) {
            #expect(try tokenizer.encode(sentence).map(\.id) == expected, "\(sentence.debugDescription)")
        }
    }

    /// Each token keeps its vocabulary spelling, with `Ġ` for the space; merges made multi-character pieces.
    @Test func tokensKeepTheirVocabularyText() throws {
        let tokens = try Self.tiny().encode("The cat sat on the mat.")
        #expect(tokens.map(\.text) == ["The", "Ġcat", "Ġsat", "Ġon", "Ġthe", "Ġmat", "."])
        #expect(tokens.map(\.id) == [262, 267, 302, 298, 259, 364, 46])
    }

    /// The split into words follows GPT-2's pattern: contractions alone, one leading space kept with a word,
    /// the last space of a run of spaces before a word given to that word.
    @Test func wordsFollowGPT2sPattern() throws {
        let tokenizer = try Self.tiny()
        #expect(tokenizer.words(in: "I'm  here, they'll 42!") == ["I", "'m", " ", " here", ",", " they", "'ll", " 42", "!"])
        #expect(tokenizer.words(in: "a\n\nb  ") == ["a", "\n", "\n", "b", "  "])
        #expect(tokenizer.words(in: "") == [])
        #expect(tokenizer.words(in: "x\r\ny e\u{301}").map { Array($0.unicodeScalars) }
            == [["x"], ["\r"], ["\n"], ["y"], [" ", "e"], ["\u{301}"]])
    }

    /// Hand-derived: the lowest-ranked pair merges first, wherever it occurs.
    @Test func mergesApplyByRank() throws {
        let ids = Dictionary(uniqueKeysWithValues: ["a", "b", "c", "ab", "bc", "abc", "Ġ", "Ġab"].enumerated().map { ($1, $0) })
        let byRank = BPETokenizer(ids: ids, merges: [BPEMerge("b", "c"), BPEMerge("a", "b"), BPEMerge("a", "bc")])
        #expect(byRank.symbols(of: "abc") == ["abc"])
        #expect(byRank.symbols(of: "abab") == ["ab", "ab"])
        let otherOrder = BPETokenizer(ids: ids, merges: [BPEMerge("a", "b"), BPEMerge("b", "c"), BPEMerge("a", "bc")])
        #expect(otherOrder.symbols(of: "abc") == ["ab", "c"])
        #expect(try otherOrder.encode("ab ab").map(\.id) == [3, 6, 3])
    }

    @Test func aPieceOutsideTheVocabularyIsAnErrorNamingTheWord() {
        let tokenizer = BPETokenizer(ids: ["c": 0, "a": 1, "Ġ": 2], merges: [BPEMerge("c", "a")])
        let error = CheckpointError.unknownPiece("ca", word: "ca")
        #expect(throws: error) { try tokenizer.encode("ca") }
        #expect("\(error)" == "the word 'ca' has the piece 'ca', which the vocabulary does not list")
        #expect(throws: CheckpointError.unknownPiece("t", word: " at")) { try tokenizer.encode("a at") }
    }

    @Test func theByteAlphabetHas256DistinctPrintableSymbols() {
        let symbols = ByteLevelAlphabet.symbols
        #expect(symbols.count == 256 && Set(symbols).count == 256)
        #expect(symbols[0x20] == "Ġ" && symbols[0x0A] == "Ċ" && symbols[0x41] == "A" && symbols[0xAD] == "Ń")
        #expect(ByteLevelAlphabet.spelling(" é") == ["Ġ", "Ã", "©"])
    }

    @Test func mergesFilesAndVocabulariesAreChecked() throws {
        let merges = try BPETokenizer.merges(fromMergesFile: Data("#version: 0.2\nĠ t\nh e\n\n".utf8))
        #expect(merges == [BPEMerge("Ġ", "t"), BPEMerge("h", "e")])
        #expect(throws: CheckpointError.invalidVocabulary(
            file: "merges.txt", reason: "line 2 is not two symbols separated by one space: 'a b c'")) {
            try BPETokenizer.merges(fromMergesFile: Data("#version: 0.2\na b c\n".utf8))
        }
        #expect(try BPETokenizer.vocabulary(fromVocabJSON: Data(#"{"a": 0, "Ġb": 1}"#.utf8)) == ["a": 0, "Ġb": 1])
        #expect(throws: CheckpointError.invalidVocabulary(file: "vocab.json", reason: "it is not a JSON object")) {
            try BPETokenizer.vocabulary(fromVocabJSON: Data("[1]".utf8))
        }
        #expect(throws: CheckpointError.invalidVocabulary(
            file: "vocab.json", reason: "token 'a' has id -1, not a natural number")) {
            try BPETokenizer.vocabulary(fromVocabJSON: Data(#"{"a": -1}"#.utf8))
        }
    }
}
