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

    /// Throws unless every id has a row among the `rows` of the embedding table (`table`, such as
    /// `word embeddings`), naming the vocabulary `file`.
    ///
    /// - Throws: ``CheckpointError/invalidVocabulary(file:reason:)``.
    func checkFits(embeddingRows rows: Int, table: String, file: String) throws {
        let tokenCount = (ids.values.max() ?? 0) + 1
        guard tokenCount <= rows else {
            throw CheckpointError.invalidVocabulary(
                file: file, reason: "it has ids up to \(tokenCount - 1), but the \(table) have \(rows) rows")
        }
    }
}
