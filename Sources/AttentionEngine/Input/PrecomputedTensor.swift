import AttentionTrace

/// A tensor a spec made from a checkpoint carries beside its inputs, for the page and `explain`:
/// a hidden state of the layers before the traced one, computed by the checkpoint's forward pass.
///
/// The engine records each in a step of its own before the mechanism's (`before.<key>`, one row
/// per source token), with `note` as its provenance; the mechanism does not read them.
public struct PrecomputedTensor: Sendable {
    /// The key of its id, `before.<key>`: `embeddings`, `h0`, ….
    public var key: String
    /// Its symbol on the page, such as `h_0`.
    public var symbol: String
    /// What it is, such as `the output of layer 0`.
    public var description: String
    /// Its value, one row per source token.
    public var value: Tensor
    /// How it was computed, such as `checkpoint all-MiniLM-L6-v2: layer 0 of the embeddings, in float64`.
    public var note: String

    /// Creates a precomputed tensor.
    public init(key: String, symbol: String, description: String, value: Tensor, note: String) {
        self.key = key
        self.symbol = symbol
        self.description = description
        self.value = value
        self.note = note
    }
}
