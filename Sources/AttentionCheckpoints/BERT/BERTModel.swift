import Foundation
import SafeTensors

/// A BERT-family encoder read from a Hugging Face model folder: its tokenizer and its encoder.
///
/// The folder holds `config.json` (``BERTConfiguration``), `model.safetensors` (``BERTWeights``),
/// and the tokenizer: `vocab.txt` (the word pieces) and optionally `tokenizer_config.json`, whose
/// `do_lower_case` (default true), `strip_accents` (default: as `do_lower_case`) and
/// `tokenize_chinese_chars` (default true) set up the ``BasicTokenizer`` (its other keys concern
/// special tokens and padding and are not read); or, without `vocab.txt`, `tokenizer.json`, whose
/// WordPiece model and `BertNormalizer` say the same.
public struct BERTModel: Sendable {
    /// The tokenizer.
    public let tokenizer: WordPieceTokenizer
    /// The encoder.
    public let encoder: BERTEncoder

    /// Reads the model in `folder`.
    ///
    /// - Throws: ``CheckpointError`` naming the missing file, or the key, tensor or vocabulary that is
    ///   wrong; ``SafeTensors/SafeTensorsError`` if `model.safetensors` is malformed.
    public init(folder: URL) throws {
        let files = ModelFolder(url: folder)
        let configURL = try files.requiredFile("config.json"), weightsURL = try files.requiredFile("model.safetensors")
        let configuration = try BERTConfiguration(json: Data(contentsOf: configURL))
        let weights = try BERTWeights(file: SafeTensorsFile(contentsOf: weightsURL), configuration: configuration)
        let tokenizer: WordPieceTokenizer, vocabularyFile: String
        if let vocabURL = files.file("vocab.txt") {
            let ids = try WordPieceTokenizer.vocabulary(fromVocabFile: Data(contentsOf: vocabURL))
            tokenizer = try WordPieceTokenizer(ids: ids, basic: try Self.basicTokenizer(settings: files.file("tokenizer_config.json")))
            vocabularyFile = "vocab.txt"
        } else if let tokenizerURL = files.file(TokenizerJSON.file) {
            tokenizer = try TokenizerJSON(data: Data(contentsOf: tokenizerURL)).wordPiece()
            vocabularyFile = TokenizerJSON.file
        } else {
            throw CheckpointError.missingFiles(alternatives: [["vocab.txt"], [TokenizerJSON.file]], folder: folder.path)
        }
        let pieceCount = (tokenizer.ids.values.max() ?? 0) + 1
        guard pieceCount <= configuration.vocabularySize else {
            throw CheckpointError.invalidVocabulary(
                file: vocabularyFile,
                reason: "it lists \(pieceCount) word pieces, but the word embeddings have \(configuration.vocabularySize) rows")
        }
        self.tokenizer = tokenizer
        self.encoder = BERTEncoder(configuration: configuration, weights: weights)
    }

    /// The basic tokenizer `tokenizer_config.json` describes, or the default one without that file.
    static func basicTokenizer(settings url: URL?) throws -> BasicTokenizer {
        guard let url else { return BasicTokenizer() }
        let file = "tokenizer_config.json"
        guard let object = try? JSONSerialization.jsonObject(with: Data(contentsOf: url)),
              let fields = object as? [String: Any] else {
            throw CheckpointError.malformedConfiguration(file: file, reason: "it is not a JSON object")
        }
        func flag(_ key: String) throws -> Bool? {
            guard let value = fields[key], !(value is NSNull) else { return nil }
            guard let number = value as? NSNumber, String(cString: number.objCType) == "c" else {
                throw CheckpointError.invalidValue(key: key, file: file, expected: "true, false or null", found: "\(value)")
            }
            return number.boolValue
        }
        return BasicTokenizer(lowercases: try flag("do_lower_case") ?? true, stripsAccents: try flag("strip_accents"),
                              splitsCJK: try flag("tokenize_chinese_chars") ?? true)
    }
}
