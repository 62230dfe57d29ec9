extension BPETokenizer {
    /// The byte-level BPE tokenizer a GGUF file describes in its metadata, as llama.cpp reads it:
    /// `tokenizer.ggml.model` = `gpt2`, the vocabulary `tokenizer.ggml.tokens` (a token's id is its
    /// index), the merges `tokenizer.ggml.merges` in rank order (`"Ġ t"`: two symbols and one space),
    /// and the word splitting `tokenizer.ggml.pre` (``Splitting``; `gpt2` when absent).
    ///
    /// - Throws: ``CheckpointError/missingKey(_:file:)``, ``CheckpointError/invalidValue(key:file:expected:found:)``
    ///   for another tokenizer model or splitting, or a key of the wrong type, and
    ///   ``CheckpointError/invalidVocabulary(file:reason:)`` for a merge that is not two symbols.
    public init(gguf file: GGUFFile) throws {
        let metadata = GGUFMetadata(file: file)
        let model = try metadata.string("tokenizer.ggml.model")
        guard model == "gpt2" else {
            throw CheckpointError.invalidValue(key: "tokenizer.ggml.model", file: file.name,
                                               expected: "'gpt2' (byte-level BPE, the only tokenizer model read here)",
                                               found: "'\(model)'")
        }
        let pre = try metadata.optionalString("tokenizer.ggml.pre") ?? Splitting.gpt2.rawValue
        guard let splitting = Splitting(rawValue: pre) else {
            throw CheckpointError.invalidValue(key: "tokenizer.ggml.pre", file: file.name,
                                               expected: "one of " + Splitting.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", "),
                                               found: "'\(pre)'")
        }
        let tokens = try metadata.strings("tokenizer.ggml.tokens")
        var ids: [String: Int] = [:]
        for (id, token) in tokens.enumerated() where ids[token] == nil { ids[token] = id }
        let merges = try metadata.strings("tokenizer.ggml.merges").enumerated().map { index, merge in
            let symbols = merge.split(separator: " ", omittingEmptySubsequences: false)
            guard symbols.count == 2, !symbols[0].isEmpty, !symbols[1].isEmpty else {
                throw CheckpointError.invalidVocabulary(
                    file: file.name, reason: "merge \(index) of tokenizer.ggml.merges is not two symbols separated by one space: '\(merge)'")
            }
            return BPEMerge(String(symbols[0]), String(symbols[1]))
        }
        self.init(ids: ids, merges: merges, splitting: splitting)
    }
}
