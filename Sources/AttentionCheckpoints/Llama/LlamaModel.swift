import Foundation
import SafeTensors

/// A Llama-family decoder read from a GGUF file (llama.cpp's format, such as SmolLM2-135M's) or a
/// Hugging Face folder: its tokenizer and its decoder.
///
/// A GGUF file's tokenizer is the byte-level BPE of its `tokenizer.ggml.*` metadata
/// (``BPETokenizer/init(gguf:)``); no token is added before the text (a file that asks for a BOS token,
/// `tokenizer.ggml.add_bos_token`, is refused), and special tokens such as `<|im_start|>` are not
/// recognised in the text.
public struct LlamaModel: Sendable {
    /// The tokenizer.
    public let tokenizer: BPETokenizer
    /// The decoder.
    public let decoder: LlamaDecoder

    /// Reads the model in the GGUF file at `url`, memory-mapped: opening it decodes no tensor.
    ///
    /// - Throws: `GGUFError` for a malformed file, or ``CheckpointError`` naming the key or tensor that is
    ///   missing or wrong, or a vocabulary whose size is not the embedding table's.
    public init(contentsOf url: URL) throws {
        try self.init(file: GGUFFile(contentsOf: url))
    }

    /// Reads the model of the opened GGUF file `file`.
    ///
    /// - Throws: As ``init(contentsOf:)``.
    public init(file: GGUFFile) throws {
        let weights = try LlamaWeights(file: file, configuration: LlamaConfiguration(gguf: file))
        let tokenizer = try BPETokenizer(gguf: file)
        // BPETokenizer(gguf:) has read the list as strings; its length is all that is left to check.
        let tokenCount = file.metadata["tokenizer.ggml.tokens"]?.array?.count ?? 0
        guard tokenCount == weights.vocabularySize else {
            throw CheckpointError.invalidVocabulary(
                file: file.name,
                reason: "tokenizer.ggml.tokens lists \(tokenCount) tokens, but \(weights.name(of: .embeddings)) has \(weights.vocabularySize) rows")
        }
        guard try !GGUFMetadata(file: file).flag("tokenizer.ggml.add_bos_token") else {
            throw CheckpointError.invalidValue(key: "tokenizer.ggml.add_bos_token", file: file.name,
                                               expected: "false (a BOS token is not added here)", found: "true")
        }
        self.tokenizer = tokenizer
        self.decoder = LlamaDecoder(weights: weights)
    }

    /// Reads the model in the Hugging Face folder `folder`: `config.json` (``LlamaConfiguration/init(json:file:)``),
    /// `model.safetensors` (`transformers`' names, Q and K rows as `transformers` stores them) and the
    /// tokenizer, `vocab.json` with `merges.txt` or, without them, `tokenizer.json`.
    ///
    /// - Throws: ``CheckpointError`` naming the missing file, or the key, tensor or vocabulary that is
    ///   wrong; ``SafeTensors/SafeTensorsError`` if `model.safetensors` is malformed.
    public init(folder: URL) throws {
        let files = ModelFolder(url: folder)
        let configuration = try LlamaConfiguration(json: Data(contentsOf: try files.requiredFile("config.json")))
        let weights = try LlamaWeights(file: SafeTensorsFile(contentsOf: try files.requiredFile("model.safetensors")),
                                       configuration: configuration)
        let (tokenizer, vocabularyFile) = try BPETokenizer.read(from: files)
        try tokenizer.checkFits(embeddingRows: weights.vocabularySize, table: "token embeddings", file: vocabularyFile)
        self.tokenizer = tokenizer
        self.decoder = LlamaDecoder(weights: weights)
    }
}
