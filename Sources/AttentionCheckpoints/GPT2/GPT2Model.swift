import Foundation
import SafeTensors

/// A GPT-2-family decoder read from a Hugging Face model folder: its tokenizer and its decoder.
///
/// The folder holds `config.json` (``GPT2Configuration``), `model.safetensors` (``GPT2Weights``),
/// and the tokenizer: `vocab.json` (token → id) and `merges.txt` (the BPE merges in rank order), or,
/// without them, `tokenizer.json`, whose BPE model holds both. Other files (`tokenizer_config.json`,
/// `generation_config.json`) are not read.
public struct GPT2Model: Sendable {
    /// The tokenizer.
    public let tokenizer: BPETokenizer
    /// The decoder.
    public let decoder: GPT2Decoder

    /// Reads the model in `folder`.
    ///
    /// - Throws: ``CheckpointError`` naming the missing file, or the key, tensor or vocabulary that is
    ///   wrong; ``SafeTensors/SafeTensorsError`` if `model.safetensors` is malformed.
    public init(folder: URL) throws {
        let files = ModelFolder(url: folder)
        let configURL = try files.requiredFile("config.json"), weightsURL = try files.requiredFile("model.safetensors")
        let configuration = try GPT2Configuration(json: Data(contentsOf: configURL))
        let weights = try GPT2Weights(file: SafeTensorsFile(contentsOf: weightsURL), configuration: configuration)
        let (tokenizer, vocabularyFile) = try BPETokenizer.read(from: files)
        try tokenizer.checkFits(embeddingRows: configuration.vocabularySize, table: "word embeddings", file: vocabularyFile)
        self.tokenizer = tokenizer
        self.decoder = GPT2Decoder(configuration: configuration, weights: weights)
    }
}
