import AttentionMath
import AttentionTrace
import SafeTensors

/// The parameters of a PyTorch `nn.MultiheadAttention`, from its state dict saved with
/// safetensors (`safetensors.torch.save_file(mha.state_dict(), "mha.safetensors")`), as the
/// tensors of `multi-head` with the `bias` option when the module has biases.
///
/// PyTorch computes `q = x Wᵀ + b` with `in_proj_weight` stacking the query, key and value rows,
/// so the trace's `W_Q` is rows `0..<d` of `in_proj_weight` transposed (`W_K` the next d rows,
/// `W_V` the last), `b_Q` … its biases, and `W_O` the transpose of `out_proj.weight`. A module
/// made with `kdim`/`vdim` (separate `q_proj_weight` …) or `add_bias_kv` is refused by name.
/// The state dict does not record the number of heads, so the spec or the command gives it.
public struct MultiheadAttentionWeights: Sendable {
    /// The trace's tensors (`W_Q`, `W_K`, `W_V`, `W_O` and, with biases, `b_Q` … `b_O`).
    public let tensors: [String: Tensor]
    /// Each tensor's note: the state-dict entry it came from.
    public let notes: [String: String]
    /// Whether the module has biases (`in_proj_bias`), which the `bias` option must then be.
    public let hasBias: Bool
    /// How traces name the file.
    public let name: String
    /// The module's `embed_dim`, the width of the sequence it reads.
    public let embedDimension: Int

    /// Whether `file` holds an `nn.MultiheadAttention` state dict rather than another checkpoint.
    public static func recognizes(_ file: SafeTensorsFile) -> Bool {
        file.entries["out_proj.weight"] != nil && (file.entries["in_proj_weight"] != nil || file.entries["q_proj_weight"] != nil)
    }

    /// Reads the state dict in `file`, named `name` in errors and notes.
    ///
    /// - Throws: ``TraceError/unusableCheckpoint(model:reason:)`` naming the entry that is missing,
    ///   misshapen or unreadable, or the `add_bias_kv` entries the trace does not support.
    public init(_ file: SafeTensorsFile, name: String) throws(TraceError) {
        func failure(_ reason: String) -> TraceError { .unusableCheckpoint(model: name, reason: reason) }
        func matrix(_ entry: String) throws(TraceError) -> Matrix {
            let tensor: SafeTensor
            do {
                tensor = try file.tensor(named: entry)
            } catch {
                throw failure("\(error)")
            }
            guard tensor.shape.count <= 2, let columns = tensor.shape.last else {
                throw failure("tensor '\(entry)' has shape \(tensor.shape), expected a matrix or a vector")
            }
            return Matrix(rows: tensor.shape.count == 2 ? tensor.shape[0] : 1, columns: columns, scalars: tensor.values)
        }
        if let extra = ["bias_k", "bias_v"].first(where: { file.entries[$0] != nil }) {
            throw failure("it has '\(extra)' (add_bias_kv=True), an extra key and value row the trace does not support")
        }
        guard file.entries["out_proj.weight"] != nil else { throw failure("it has no tensor 'out_proj.weight'") }
        let output = try matrix("out_proj.weight")
        let d = output.rows
        guard output.columns == d else {
            throw failure("tensor 'out_proj.weight' has shape [\(output.rows), \(output.columns)], expected a square embed_dim × embed_dim")
        }
        var tensors: [String: Tensor] = [:], notes: [String: String] = [:]
        func add(_ letter: String, weight: Matrix, bias: Matrix?, weightNote: String, biasNote: String) {
            tensors["W_\(letter)"] = Tensor(weight.transposed)
            notes["W_\(letter)"] = "state dict \(name), \(weightNote) transposed"
            if let bias {
                tensors["b_\(letter)"] = Tensor(bias)
                notes["b_\(letter)"] = "state dict \(name), \(biasNote)"
            }
        }
        let bias = file.entries["in_proj_bias"] != nil ? try matrix("in_proj_bias") : nil
        if let bias, bias.columns != 3 * d {
            throw failure("tensor 'in_proj_bias' has \(bias.columns) entries, expected 3 · embed_dim = \(3 * d)")
        }
        guard file.entries["in_proj_weight"] != nil else {
            throw failure("it has no 'in_proj_weight' (a module made with kdim or vdim stores q_proj_weight, k_proj_weight "
                + "and v_proj_weight, which the trace does not read)")
        }
        let stacked = try matrix("in_proj_weight")
        guard stacked.rows == 3 * d, stacked.columns == d else {
            throw failure("tensor 'in_proj_weight' has shape [\(stacked.rows), \(stacked.columns)], expected [\(3 * d), \(d)] (q, k, v stacked)")
        }
        for (k, letter) in ["Q", "K", "V"].enumerated() {
            let rows = (k * d)..<((k + 1) * d)
            add(letter, weight: stacked.rows(rows), bias: bias?.columns(rows),
                weightNote: "rows \(rows.lowerBound)–\(rows.upperBound - 1) of tensor 'in_proj_weight'",
                biasNote: "entries \(rows.lowerBound)–\(rows.upperBound - 1) of tensor 'in_proj_bias'")
        }
        let outputBias = file.entries["out_proj.bias"] != nil ? try matrix("out_proj.bias") : nil
        if (bias == nil) != (outputBias == nil) {
            throw failure("it has \(bias == nil ? "'out_proj.bias' but no 'in_proj_bias'" : "'in_proj_bias' but no 'out_proj.bias'"); nn.MultiheadAttention has both or neither")
        }
        add("O", weight: output, bias: outputBias, weightNote: "tensor 'out_proj.weight'", biasNote: "tensor 'out_proj.bias'")
        self.tensors = tensors
        self.notes = notes
        hasBias = bias != nil
        self.name = name
        embedDimension = d
    }

    /// `spec` (or an empty spec) with these parameters added: its variant `multi-head` unless it
    /// names another, `bias` set as the module has biases, and the model named as the source of
    /// its tensors.
    ///
    /// - Throws: ``TraceError/modelWithGivenTensors(model:tensors:)`` when the spec gives a
    ///   parameter the state dict also gives, and ``TraceError/unusableCheckpoint(model:reason:)``
    ///   when it gives no sequence `X`: a state dict has no embeddings to make one from words.
    public func spec(adding spec: InputSpec?) throws(TraceError) -> InputSpec {
        var merged = spec ?? InputSpec()
        let both = tensors.keys.filter { merged.tensors[$0] != nil }.sorted()
        guard both.isEmpty else { throw .modelWithGivenTensors(model: name, tensors: both) }
        guard merged.tensors["X"] != nil else {
            throw .unusableCheckpoint(model: name, reason: "an nn.MultiheadAttention state dict has no embeddings: give the sequence "
                + "X (n × \(embedDimension)) in the input spec")
        }
        merged.tensors.merge(tensors) { given, _ in given }
        merged.notes.merge(notes) { given, _ in given }
        merged.variant = merged.variant ?? .multiHead
        merged.options.bias = merged.options.bias ?? hasBias
        merged.checkpoint = "state dict \(name) (nn.MultiheadAttention)"
        return merged
    }
}
