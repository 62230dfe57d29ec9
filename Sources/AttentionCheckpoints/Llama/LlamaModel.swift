import Foundation

/// A Llama-family decoder read from a GGUF file (llama.cpp's format, such as SmolLM2-135M's): its
/// tokenizer and its decoder, both from the one file.
///
/// The tokenizer is the byte-level BPE of the file's `tokenizer.ggml.*` metadata
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
        let tokenCount = try GGUFMetadata(file: file).strings("tokenizer.ggml.tokens").count
        guard tokenCount == weights.vocabularySize else {
            throw CheckpointError.invalidVocabulary(
                file: file.name,
                reason: "tokenizer.ggml.tokens lists \(tokenCount) tokens, but \(LlamaWeights.embeddingsName) has \(weights.vocabularySize) rows")
        }
        guard try !GGUFMetadata(file: file).flag("tokenizer.ggml.add_bos_token") else {
            throw CheckpointError.invalidValue(key: "tokenizer.ggml.add_bos_token", file: file.name,
                                               expected: "false (a BOS token is not added here)", found: "true")
        }
        self.tokenizer = tokenizer
        self.decoder = LlamaDecoder(weights: weights)
    }
}
