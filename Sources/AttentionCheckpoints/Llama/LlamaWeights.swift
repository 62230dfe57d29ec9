import AttentionMath
import SafeTensors

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

/// A Llama-family decoder's tensors, in a GGUF file (llama.cpp's names) or a Hugging Face safetensors
/// checkpoint (`transformers`' names), checked when the file is opened and decoded to `Double` only
/// when a block is asked for: SmolLM2-135M's blocks are 850 MB as `Double`, so a trace holds one
/// block at a time.
///
/// llama.cpp's converter stores the rows of every head of `attn_q` and `attn_k` permuted for
/// interleaved RoPE (its `permute`: a head's row (half h, index i) is stored at row 2i + h);
/// ``block(_:)`` puts a GGUF file's back in `transformers`' order, so that Q and K are Hugging Face's
/// and RoPE pairs entry j with entry j + d_k/2 (rotate-half). The language-model head (`output.weight`,
/// `lm_head.weight`), when present, is not read: the attention does not use it.
public struct LlamaWeights: Sendable {
    /// The sizes every tensor was checked against.
    public let configuration: LlamaConfiguration
    /// The number of rows of the embedding table.
    public let vocabularySize: Int
    private let store: any LlamaTensorStore

    /// Checks that the GGUF file `file` has every tensor of `configuration`'s decoder, of the right
    /// shape and of a type that decodes, without decoding any.
    ///
    /// - Throws: `GGUFError.unknownTensor` for a missing tensor (with the closest name),
    ///   ``CheckpointError/tensorShape(_:file:expected:found:)``, or `GGUFError.unsupportedTensorType`.
    public init(file: GGUFFile, configuration: LlamaConfiguration) throws {
        try self.init(store: GGUFLlamaTensors(file: file), configuration: configuration)
    }

    /// Checks that the safetensors checkpoint `file` has every tensor of `configuration`'s decoder,
    /// of the right shape, without decoding any.
    ///
    /// - Throws: ``CheckpointError/missingTensor(_:file:)`` or ``CheckpointError/tensorShape(_:file:expected:found:)``.
    public init(file: SafeTensorsFile, configuration: LlamaConfiguration, fileName: String = "model.safetensors") throws {
        try self.init(store: SafeTensorsLlamaTensors(file: file, fileName: fileName), configuration: configuration)
    }

    private init(store: any LlamaTensorStore, configuration: LlamaConfiguration) throws {
        self.store = store
        self.configuration = configuration
        let embeddings = try store.shape(of: .embeddings)
        guard embeddings.count == 2, embeddings[1] == configuration.hiddenSize else {
            throw CheckpointError.tensorShape(store.name(of: .embeddings), file: store.fileName,
                                              expected: [embeddings.first ?? 0, configuration.hiddenSize], found: embeddings)
        }
        vocabularySize = embeddings[0]
        var expected: [(LlamaTensor, [Int])] = [(.embeddings, embeddings), (.finalNorm, [configuration.hiddenSize])]
        for index in 0..<configuration.layerCount {
            expected += LlamaBlockPart.allCases.map { (.block(index, $0), Self.shape(of: $0, configuration)) }
        }
        for (tensor, shape) in expected {
            let found = try store.shape(of: tensor)
            guard found == shape else {
                throw CheckpointError.tensorShape(store.name(of: tensor), file: store.fileName, expected: shape, found: found)
            }
            try store.checkDecodable(tensor)
        }
    }

    /// Whether the file stores Q's and K's rows in llama.cpp's order, which ``block(_:)`` undoes (GGUF files).
    public var storesPermutedRotaryRows: Bool { store.permutesRotaryRows }

    /// The name the file gives `tensor`: `blk.3.attn_q.weight` in a GGUF file,
    /// `model.layers.3.self_attn.q_proj.weight` in a Hugging Face checkpoint.
    public func name(of tensor: LlamaTensor) -> String {
        store.name(of: tensor)
    }

    /// The embeddings of `ids`, one row each, decoding only those rows.
    ///
    /// - Precondition: every id is below ``vocabularySize``.
    public func embeddings(of ids: [Int]) throws -> Matrix {
        Matrix(rows: ids.count, columns: configuration.hiddenSize, scalars: try store.values(of: .embeddings, rows: ids))
    }

    /// The scale of the RMSNorm after the last block (1 × d).
    public func finalNorm() throws -> Matrix {
        Matrix(row: try store.values(of: .finalNorm))
    }

    /// Block `index`'s parameters, decoded, with Q's and K's rows in `transformers`' order.
    ///
    /// - Throws: An error of the file's only if it changed since it was checked.
    /// - Precondition: `index` is a block of the model.
    public func block(_ index: Int) throws -> LlamaBlockWeights {
        func read(_ part: LlamaBlockPart) throws -> Matrix { try matrix(part, ofBlock: index) }
        return LlamaBlockWeights(
            attentionNorm: try read(.attentionNorm), query: try read(.query), key: try read(.key), value: try read(.value),
            output: try read(.output), feedForwardNorm: try read(.feedForwardNorm), gate: try read(.gate), up: try read(.up),
            down: try read(.down))
    }

    /// One tensor of block `index`, decoded, as ``block(_:)`` holds it (Q's and K's rows in
    /// `transformers`' order; a norm's scale as one row), for a caller that needs only some of them.
    ///
    /// - Throws: An error of the file's only if it changed since it was checked.
    /// - Precondition: `index` is a block of the model.
    public func matrix(_ part: LlamaBlockPart, ofBlock index: Int) throws -> Matrix {
        precondition((0..<configuration.layerCount).contains(index), "block \(index) of \(configuration.layerCount)")
        let values = try store.values(of: .block(index, part)), shape = Self.shape(of: part, configuration)
        let matrix = Matrix(rows: shape.count == 2 ? shape[0] : 1, columns: shape.last ?? 0, scalars: values)
        guard store.permutesRotaryRows, part == .query || part == .key else { return matrix }
        return Self.undoingRotaryPermutation(of: matrix, headWidth: configuration.headWidth)
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

    /// The shape of a block's tensor in PyTorch order.
    private static func shape(of part: LlamaBlockPart, _ configuration: LlamaConfiguration) -> [Int] {
        let d = configuration.hiddenSize, kv = configuration.keyValueHeadCount * configuration.headWidth
        let inner = configuration.intermediateSize
        return switch part {
        case .attentionNorm, .feedForwardNorm: [d]
        case .query, .output: [d, d]
        case .key, .value: [kv, d]
        case .gate, .up: [inner, d]
        case .down: [d, inner]
        }
    }
}
