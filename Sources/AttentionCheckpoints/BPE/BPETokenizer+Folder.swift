import Foundation

extension BPETokenizer {
    /// The byte-level BPE tokenizer of a Hugging Face folder: `vocab.json` with `merges.txt`, or,
    /// without either, `tokenizer.json`; and the file that holds the vocabulary, for errors.
    ///
    /// - Throws: ``CheckpointError/missingFile(_:folder:)`` for one of the pair without the other,
    ///   ``CheckpointError/missingFiles(alternatives:folder:)`` when there is neither a pair nor
    ///   `tokenizer.json`, or the reader's error.
    static func read(from files: ModelFolder) throws -> (tokenizer: BPETokenizer, vocabularyFile: String) {
        if files.file("vocab.json") != nil || files.file("merges.txt") != nil {
            let vocabURL = try files.requiredFile("vocab.json"), mergesURL = try files.requiredFile("merges.txt")
            return (BPETokenizer(ids: try vocabulary(fromVocabJSON: Data(contentsOf: vocabURL)),
                                 merges: try merges(fromMergesFile: Data(contentsOf: mergesURL))), "vocab.json")
        }
        guard let tokenizerURL = files.file(TokenizerJSON.file) else {
            throw CheckpointError.missingFiles(alternatives: [["vocab.json", "merges.txt"], [TokenizerJSON.file]], folder: files.url.path)
        }
        return (try TokenizerJSON(data: Data(contentsOf: tokenizerURL)).bytePairEncoding(), TokenizerJSON.file)
    }
}
