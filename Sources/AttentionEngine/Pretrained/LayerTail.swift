import AttentionMath

/// What a pretrained transformer layer computes after its attention: the residual connections, the
/// normalisations and the feed-forward block, which the engine traces operation by operation after
/// the attention's `output`, so that a page shows the whole layer down to its output hidden state.
///
/// The three families differ in where the normalisations sit, which normalisation it is and how the
/// feed-forward block is gated:
///
/// | family | ``placement`` | ``normalization`` | ``feedForward`` |
/// | --- | --- | --- | --- |
/// | BERT | `postNorm`: `h′ = N₁(h + o)`, `out = N₂(h′ + F(h′))` | `layerNorm` | `dense(.gelu)` |
/// | GPT-2 | `preNorm`: `h′ = h + o`, `out = h′ + F(N₂(h′))` | `layerNorm` | `dense(.geluTanh)` |
/// | Llama | `preNorm` | `rmsNorm` | `gated` (SwiGLU) |
///
/// h is the hidden state entering the layer, o the attention's output.
public struct LayerTail: Sendable {
    /// Where the normalisations sit around the two residual connections.
    public enum Placement: Sendable, Equatable {
        /// After each residual sum (BERT): `h′ = N₁(h + o)` and `out = N₂(h′ + F(h′))`.
        case postNorm
        /// Before the feed-forward block, on the residual stream (GPT-2, Llama): `h′ = h + o` and
        /// `out = h′ + F(N₂(h′))`; `N₁`, before the attention, made the attention's input X.
        case preNorm
    }

    /// How a row is normalised.
    public enum Normalization: Sendable, Equatable {
        /// `γ ⊙ (x − μ) / √(σ² + ε) + β`, μ the row's mean and σ² its biased variance (`nn.LayerNorm`).
        case layerNorm
        /// `γ ⊙ x / √(mean(x²) + ε)` (`LlamaRMSNorm`).
        case rmsNorm
    }

    /// How the feed-forward block computes `F(m)`.
    public enum FeedForward: Sendable, Equatable {
        /// `f(m W_1 + b_1) W_2 + b_2`, `f` the activation.
        case dense(activation: ElementwiseFunction)
        /// `(silu(m W_gate) ⊙ m W_up) W_down`, without biases (SwiGLU).
        case gated
    }

    /// Which recorded tensor is h, the hidden state entering the layer.
    public enum Residual: Sendable, Equatable {
        /// The attention's input X (BERT, whose attention reads the hidden state as it is).
        case attentionInput
        /// The last of the spec's ``InputSpec/precomputed`` states (a pre-norm decoder, whose X is N₁(h)).
        case lastPrecomputedState
    }

    /// A parameter of the tail, in the trace's `x W` layout, and where it came from.
    public struct Parameter: Sendable {
        /// Its value: d × d_ff or d_ff × d for a projection, one row for a bias or a scale.
        public var value: Matrix
        /// The checkpoint tensor it is, for its provenance: `checkpoint tiny-bert, tensor '…' transposed`.
        public var note: String

        /// Creates a parameter.
        public init(value: Matrix, note: String) {
            self.value = value
            self.note = note
        }
    }

    /// Where the normalisations sit.
    public var placement: Placement
    /// Which normalisation both are.
    public var normalization: Normalization
    /// How the feed-forward block is computed.
    public var feedForward: FeedForward
    /// ε of the normalisations, as the configuration gives it.
    public var epsilon: Double
    /// Which key of the configuration ε is, for its provenance: `layer_norm_eps`.
    public var epsilonKey: String
    /// Which tensor h is.
    public var residual: Residual
    /// The parameters by their trace names: `gamma_1`, `beta_1` (post-norm), `W_1`, `b_1`, `W_2`,
    /// `b_2`, `gamma_2`, `beta_2` (LayerNorm) for a dense block; `W_gate`, `W_up`, `W_down` and
    /// `gamma_2` for a gated one.
    public var parameters: [String: Parameter]

    /// Creates a tail.
    public init(placement: Placement, normalization: Normalization, feedForward: FeedForward, epsilon: Double,
                epsilonKey: String, residual: Residual, parameters: [String: Parameter]) {
        self.placement = placement
        self.normalization = normalization
        self.feedForward = feedForward
        self.epsilon = epsilon
        self.epsilonKey = epsilonKey
        self.residual = residual
        self.parameters = parameters
    }
}
