import SafeTensors

/// A tensor of a Llama-family decoder, by its role.
public enum LlamaTensor: Hashable, Sendable {
    /// The token embeddings, vocabulary × d.
    case embeddings
    /// The scale of the RMSNorm after the last block.
    case finalNorm
    /// A tensor of block `index`.
    case block(Int, LlamaBlockPart)
}

/// The nine tensors of a Llama decoder block, with their names in llama.cpp's GGUF files and in
/// `transformers`' `LlamaDecoderLayer`.
public enum LlamaBlockPart: CaseIterable, Sendable {
    /// The RMSNorm before the attention: `attn_norm`, `input_layernorm`.
    case attentionNorm
    /// The projections of the attention: `attn_q`/`q_proj`, `attn_k`/`k_proj`, `attn_v`/`v_proj`,
    /// `attn_output`/`o_proj`.
    case query, key, value, output
    /// The RMSNorm before the feed-forward block: `ffn_norm`, `post_attention_layernorm`.
    case feedForwardNorm
    /// The SwiGLU projections: `ffn_gate`/`gate_proj`, `ffn_up`/`up_proj`, `ffn_down`/`down_proj`.
    case gate, up, down

    /// The name's middle in a GGUF file: `blk.N.attn_q.weight`.
    var ggufName: String {
        switch self {
        case .attentionNorm: "attn_norm"
        case .query: "attn_q"
        case .key: "attn_k"
        case .value: "attn_v"
        case .output: "attn_output"
        case .feedForwardNorm: "ffn_norm"
        case .gate: "ffn_gate"
        case .up: "ffn_up"
        case .down: "ffn_down"
        }
    }

    /// The name's middle in a Hugging Face checkpoint: `layers.N.self_attn.q_proj.weight`.
    var huggingFaceName: String {
        switch self {
        case .attentionNorm: "input_layernorm"
        case .query: "self_attn.q_proj"
        case .key: "self_attn.k_proj"
        case .value: "self_attn.v_proj"
        case .output: "self_attn.o_proj"
        case .feedForwardNorm: "post_attention_layernorm"
        case .gate: "mlp.gate_proj"
        case .up: "mlp.up_proj"
        case .down: "mlp.down_proj"
        }
    }
}

/// Where a Llama decoder's tensors are read from: their names, shapes in PyTorch order, and values
/// decoded to `Double` on demand.
protocol LlamaTensorStore: Sendable {
    /// The file's name, for errors and notes.
    var fileName: String { get }
    /// Whether Q's and K's rows are stored in llama.cpp's order for interleaved RoPE (GGUF files).
    var permutesRotaryRows: Bool { get }
    /// The name the file gives `tensor`.
    func name(of tensor: LlamaTensor) -> String
    /// The shape of `tensor`.
    ///
    /// - Throws: A missing tensor, named with the file's closest name where it can.
    func shape(of tensor: LlamaTensor) throws -> [Int]
    /// Throws unless the values of `tensor` can be decoded.
    func checkDecodable(_ tensor: LlamaTensor) throws
    /// Every value of `tensor`, row-major.
    func values(of tensor: LlamaTensor) throws -> [Double]
    /// Rows `rows` of the matrix `tensor`.
    func values(of tensor: LlamaTensor, rows: [Int]) throws -> [Double]
}

/// A GGUF file's Llama tensors, by llama.cpp's names.
struct GGUFLlamaTensors: LlamaTensorStore {
    let file: GGUFFile
    var fileName: String { file.name }
    var permutesRotaryRows: Bool { true }

    func name(of tensor: LlamaTensor) -> String {
        switch tensor {
        case .embeddings: "token_embd.weight"
        case .finalNorm: "output_norm.weight"
        case let .block(index, part): "blk.\(index).\(part.ggufName).weight"
        }
    }

    func shape(of tensor: LlamaTensor) throws -> [Int] { try file.tensor(named: name(of: tensor)).shape }

    func checkDecodable(_ tensor: LlamaTensor) throws {
        let info = try file.tensor(named: name(of: tensor))
        guard info.type.isDecodable else { throw GGUFError.unsupportedTensorType(info.type, tensor: info.name, file: file.name) }
    }

    func values(of tensor: LlamaTensor) throws -> [Double] { try file.values(of: name(of: tensor)) }

    func values(of tensor: LlamaTensor, rows: [Int]) throws -> [Double] { try file.values(of: name(of: tensor), rows: rows) }
}

/// A Hugging Face safetensors checkpoint's Llama tensors, by `transformers`' names, with or without
/// the `model.` prefix of `LlamaForCausalLM`.
struct SafeTensorsLlamaTensors: LlamaTensorStore {
    let file: SafeTensorsFile
    let fileName: String
    var permutesRotaryRows: Bool { false }
    private let prefix: String

    init(file: SafeTensorsFile, fileName: String) {
        self.file = file
        self.fileName = fileName
        prefix = file.entries["embed_tokens.weight"] == nil && file.entries["model.embed_tokens.weight"] != nil ? "model." : ""
    }

    func name(of tensor: LlamaTensor) -> String {
        switch tensor {
        case .embeddings: prefix + "embed_tokens.weight"
        case .finalNorm: prefix + "norm.weight"
        case let .block(index, part): prefix + "layers.\(index).\(part.huggingFaceName).weight"
        }
    }

    func shape(of tensor: LlamaTensor) throws -> [Int] {
        guard let entry = file.entries[name(of: tensor)] else { throw CheckpointError.missingTensor(name(of: tensor), file: fileName) }
        return entry.shape
    }

    /// Every dtype a safetensors file may hold decodes.
    func checkDecodable(_ tensor: LlamaTensor) throws {}

    func values(of tensor: LlamaTensor) throws -> [Double] { try file.tensor(named: name(of: tensor)).values }

    func values(of tensor: LlamaTensor, rows: [Int]) throws -> [Double] { try file.values(of: name(of: tensor), rows: rows) }
}
