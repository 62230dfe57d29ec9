import AttentionMath

/// One decoder block's parameters in `transformers`' `LlamaDecoderLayer` layout: every projection is an
/// `nn.Linear` weight, out × in, without bias.
public struct LlamaBlockWeights: Equatable, Sendable {
    /// `input_layernorm.weight` (`blk.N.attn_norm.weight`): RMSNorm's scale before the attention, 1 × d.
    public var attentionNorm: Matrix
    /// `self_attn.q_proj.weight` (`blk.N.attn_q.weight`, its rows put back in Hugging Face's order): d × d.
    public var query: Matrix
    /// `self_attn.k_proj.weight` (`blk.N.attn_k.weight`, rows put back likewise): kv · d_k × d.
    public var key: Matrix
    /// `self_attn.v_proj.weight` (`blk.N.attn_v.weight`): kv · d_k × d.
    public var value: Matrix
    /// `self_attn.o_proj.weight` (`blk.N.attn_output.weight`): d × d.
    public var output: Matrix
    /// `post_attention_layernorm.weight` (`blk.N.ffn_norm.weight`): RMSNorm's scale before the feed-forward block.
    public var feedForwardNorm: Matrix
    /// `mlp.gate_proj.weight` (`blk.N.ffn_gate.weight`): intermediate × d.
    public var gate: Matrix
    /// `mlp.up_proj.weight` (`blk.N.ffn_up.weight`): intermediate × d.
    public var up: Matrix
    /// `mlp.down_proj.weight` (`blk.N.ffn_down.weight`): d × intermediate.
    public var down: Matrix
}

/// A Llama-family decoder's tensors in a GGUF file, by llama.cpp's names, checked when the file is
/// opened and decoded to `Double` only when a block is asked for: SmolLM2-135M's blocks are 850 MB as
/// `Double`, so a trace holds one block at a time.
///
/// llama.cpp's converter stores the rows of every head of `attn_q` and `attn_k` permuted for
/// interleaved RoPE (its `permute`: a head's row (half h, index i) is stored at row 2i + h);
/// ``block(_:)`` puts them back in `transformers`' order, so that Q and K are Hugging Face's and
/// RoPE pairs entry j with entry j + d_k/2 (rotate-half). The file's `output.weight`, when present,
/// is not read: the attention does not use the language-model head.
public struct LlamaWeights: Sendable {
    /// The file.
    public let file: GGUFFile
    /// The sizes every tensor was checked against.
    public let configuration: LlamaConfiguration
    /// The number of rows of `token_embd.weight`.
    public let vocabularySize: Int

    /// The embedding table's name.
    public static let embeddingsName = "token_embd.weight"
    /// The final RMSNorm's name.
    public static let finalNormName = "output_norm.weight"

    /// Checks that `file` has every tensor of `configuration`'s decoder, of the right shape and of a type
    /// that decodes, without decoding any.
    ///
    /// - Throws: `GGUFError.unknownTensor` for a missing tensor (with the closest name),
    ///   ``CheckpointError/tensorShape(_:file:expected:found:)``, or `GGUFError.unsupportedTensorType`.
    public init(file: GGUFFile, configuration: LlamaConfiguration) throws {
        self.file = file
        self.configuration = configuration
        let embeddings = try file.tensor(named: Self.embeddingsName)
        guard embeddings.shape.count == 2, embeddings.shape[1] == configuration.hiddenSize else {
            throw CheckpointError.tensorShape(Self.embeddingsName, file: file.name,
                                              expected: [embeddings.shape.first ?? 0, configuration.hiddenSize], found: embeddings.shape)
        }
        vocabularySize = embeddings.shape[0]
        var expected = [(Self.embeddingsName, embeddings.shape), (Self.finalNormName, [configuration.hiddenSize])]
        for index in 0..<configuration.layerCount {
            expected += Self.shapes(ofBlock: index, configuration).map { ($0.name, $0.shape) }
        }
        for (name, shape) in expected {
            let tensor = try file.tensor(named: name)
            guard tensor.shape == shape else {
                throw CheckpointError.tensorShape(name, file: file.name, expected: shape, found: tensor.shape)
            }
            guard tensor.type.isDecodable else { throw GGUFError.unsupportedTensorType(tensor.type, tensor: name, file: file.name) }
        }
    }

    /// The embeddings of `ids`, one row each, decoding only those rows.
    ///
    /// - Precondition: every id is below ``vocabularySize``.
    public func embeddings(of ids: [Int]) throws -> Matrix {
        Matrix(rows: ids.count, columns: configuration.hiddenSize, scalars: try file.values(of: Self.embeddingsName, rows: ids))
    }

    /// `output_norm.weight`, the scale of the RMSNorm after the last block (1 × d).
    public func finalNorm() throws -> Matrix {
        try matrix(Self.finalNormName, rows: 1)
    }

    /// Block `index`'s parameters, decoded, with Q's and K's rows in `transformers`' order.
    ///
    /// - Throws: A `GGUFError` only if the file changed since it was checked.
    /// - Precondition: `index` is a block of the model.
    public func block(_ index: Int) throws -> LlamaBlockWeights {
        precondition((0..<configuration.layerCount).contains(index), "block \(index) of \(configuration.layerCount)")
        let shapes = Dictionary(uniqueKeysWithValues: Self.shapes(ofBlock: index, configuration).map { ($0.part, $0.shape) })
        func read(_ part: String) throws -> Matrix {
            let shape = shapes[part] ?? []
            return try matrix(Self.name(ofBlock: index, part), rows: shape.count == 2 ? shape[0] : 1)
        }
        let dk = configuration.headWidth
        return LlamaBlockWeights(
            attentionNorm: try read("attn_norm"),
            query: Self.undoingRotaryPermutation(of: try read("attn_q"), headWidth: dk),
            key: Self.undoingRotaryPermutation(of: try read("attn_k"), headWidth: dk),
            value: try read("attn_v"), output: try read("attn_output"), feedForwardNorm: try read("ffn_norm"),
            gate: try read("ffn_gate"), up: try read("ffn_up"), down: try read("ffn_down"))
    }

    /// The GGUF name of block `index`'s tensor `part` (`blk.3.attn_q.weight`).
    public static func name(ofBlock index: Int, _ part: String) -> String {
        "blk.\(index).\(part).weight"
    }

    /// The rows of every head of `stored` back in Hugging Face's order: row `h · d_k/2 + i` of a head
    /// is its stored row `2i + h`, undoing llama.cpp's `permute` of `attn_q` and `attn_k`.
    static func undoingRotaryPermutation(of stored: Matrix, headWidth dk: Int) -> Matrix {
        let half = dk / 2
        var rows: [Int] = []
        rows.reserveCapacity(stored.rows)
        for head in 0..<(stored.rows / dk) {
            for h in 0..<2 {
                for i in 0..<half { rows.append(head * dk + 2 * i + h) }
            }
        }
        return stored.gatheringRows(rows)
    }

    /// Tensor `name` as a matrix of `rows` rows.
    private func matrix(_ name: String, rows: Int) throws -> Matrix {
        let values = try file.values(of: name)
        return Matrix(rows: rows, columns: values.count / rows, scalars: values)
    }

    /// Every tensor of block `index` with its shape in PyTorch order.
    private static func shapes(ofBlock index: Int, _ configuration: LlamaConfiguration) -> [(part: String, name: String, shape: [Int])] {
        let d = configuration.hiddenSize, kv = configuration.keyValueHeadCount * configuration.headWidth
        let inner = configuration.intermediateSize
        let parts: [(String, [Int])] = [
            ("attn_norm", [d]), ("attn_q", [d, d]), ("attn_k", [kv, d]), ("attn_v", [kv, d]), ("attn_output", [d, d]),
            ("ffn_norm", [d]), ("ffn_gate", [inner, d]), ("ffn_up", [inner, d]), ("ffn_down", [d, inner]),
        ]
        return parts.map { ($0.0, name(ofBlock: index, $0.0), $0.1) }
    }
}
