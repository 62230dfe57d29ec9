import AttentionCheckpoints
import AttentionMath

extension BPETokenizer {
    /// The tokens of `sentence` as a pretrained decoder's trace reads them (GPT-2, Llama): its
    /// byte-level BPE tokens, with nothing added.
    ///
    /// - Throws: ``TraceError/emptySentence(side:)`` for a sentence without a token, or the
    ///   tokenizer's error.
    func traceTokens(of sentence: String) throws -> [(text: String, id: Int)] {
        let tokens = try encode(sentence)
        guard !tokens.isEmpty else { throw TraceError.emptySentence(side: "source") }
        return tokens.map { ($0.text, $0.id) }
    }
}

extension PretrainedLayerInput {
    /// The input of block `layer` of a pre-norm decoder (GPT-2, Llama): X is the block's first
    /// normalisation `norm` of the hidden state entering it; the earlier states are the embeddings
    /// and the outputs of blocks 0 … L−1.
    ///
    /// - Parameters:
    ///   - embeddings: The token embeddings (and, for GPT-2, positions), `description` saying which.
    ///   - block: Block `index` applied to its input, giving its output.
    ///   - normalize: What block `layer`'s attention reads of its input.
    ///   - norm: The normalisation's name for ``origin``, such as `ln_1`.
    static func preNormDecoder(layer: Int, embeddings: Matrix, description: String, norm: String,
                               block: (Int, Matrix) throws -> Matrix, normalize: (Matrix) throws -> Matrix) throws -> PretrainedLayerInput {
        var state = embeddings
        var earlier = [HiddenState(key: "embeddings", symbol: "E", description: description, value: state)]
        for index in 0..<layer {
            state = try block(index, state)
            earlier.append(.init(key: "h\(index)", symbol: "h_\(index)", description: "the output of block \(index)", value: state))
        }
        let before = layer == 0 ? description : "the embeddings and " + (layer == 1 ? "block 0" : "blocks 0–\(layer - 1)")
        return PretrainedLayerInput(value: try normalize(state), origin: "\(norm) of \(before)", earlierStates: earlier)
    }
}
