import AttentionMath

/// Every parameter of an RNNsearch model, by the names of `Docs/models/rnnsearch.md`.
///
/// The same type holds a gradient (one entry per parameter, equally shaped), so optimisers
/// and checkpoints walk one list, ``fields``, for both.
public struct ModelParameters: Equatable, Sendable {
    /// `E_x` (`V_x × d_e`): the source word embeddings, one row per source vocabulary entry.
    public var sourceEmbedding: Matrix
    /// The encoder's forward GRU (`W_*`: `d_e × d_enc`).
    public var forward: GRUWeights
    /// The encoder's backward GRU (`W_*`: `d_e × d_enc`).
    public var backward: GRUWeights
    /// `W_s` (`d_enc × d_s`): the decoder's initial state is `tanh(h^←_1 W_s)`.
    public var initialState: Matrix
    /// `E_y` (`V_y × d_e`): the target word embeddings.
    public var targetEmbedding: Matrix
    /// The decoder GRU, reading `[E_y y_{t−1} ; c_t]` (`W_*`: `(d_e + 2 d_enc) × d_s`).
    public var decoder: GRUWeights
    /// `W_a`: for the additive score, `d_a × (d_s + 2 d_enc)`, the hidden layer `u_i = tanh(W_a [s ; h_i])`;
    /// for the general score, `d_s × 2 d_enc`, the bilinear form `e_i = s W_a h_iᵀ`; unused (0 × 0) by the dot score.
    public var scoreWeights: Matrix
    /// `v_a` (one row of `d_a`): the additive score is `e_i = v_a · u_i`; unused (1 × 0) by the others.
    public var scoreVector: Matrix
    /// The score the attention uses, which with ``locality`` decides the parameters there are (``fields``).
    public var score: ModelConfiguration.Score
    /// `W_p` (`d_p × d_s`): local-p's position predictor reads `tanh(W_p s)`; 0 × 0 otherwise.
    public var positionWeights: Matrix
    /// `v_p` (one row of `d_p`): local-p's centre is `p_t = n · σ(v_p · tanh(W_p s))`; 1 × 0 otherwise.
    public var positionVector: Matrix
    /// Where the attention looks, which decides whether there are ``positionWeights``.
    public var locality: ModelConfiguration.Locality
    /// `D`, the half-width of a local window (``ModelConfiguration/window``): not a parameter, but
    /// what a forward pass over these parameters needs beside them.
    public var window: Int
    /// `W_o` (`(d_s + 2 d_enc + d_e) × d_o`): the readout `tanh([s_t ; c_t ; E_y y_{t−1}] W_o + b_o)`.
    public var readoutWeights: Matrix
    /// `b_o` (one row of `d_o`).
    public var readoutBias: Matrix
    /// `W_y` (`d_o × V_y`): the logits of the next word are `o_t W_y + b_y`.
    public var outputWeights: Matrix
    /// `b_y` (one row of `V_y`).
    public var outputBias: Matrix

    /// One entry of ``fields``: a parameter's checkpoint name, its place, whether it is a
    /// vector (one row here, one axis in a checkpoint) and whether it starts at zero (a bias).
    public struct Field {
        /// The checkpoint name, such as `decoder.W_z`.
        public let name: String
        /// Where the parameter sits in ``ModelParameters``.
        public let path: WritableKeyPath<ModelParameters, Matrix>
        /// Stored with one axis in a checkpoint (one row here).
        public var isVector = false
        /// Starts at zero.
        public var isBias = false
    }

    /// Every parameter of these parameters' score and window, in the order optimisers and documentation use.
    public var fields: [Field] { Self.fields(for: score, locality: locality) }

    /// Every parameter of a model with `score` and `locality`: `W_a` and `v_a` for the additive
    /// score, `W_a` for the general score, neither for the dot score; then `W_p` and `v_p` for local-p.
    public static func fields(for score: ModelConfiguration.Score, locality: ModelConfiguration.Locality = .global) -> [Field] {
        let scoring: [Field] = switch score {
        case .additive: [Field(name: "W_a", path: \.scoreWeights), Field(name: "v_a", path: \.scoreVector, isVector: true)]
        case .general: [Field(name: "W_a", path: \.scoreWeights)]
        case .dot: []
        }
        let position = locality == .predictive
            ? [Field(name: "W_p", path: \.positionWeights), Field(name: "v_p", path: \.positionVector, isVector: true)] : []
        return sharedFields(beforeScore: true) + scoring + position + sharedFields(beforeScore: false)
    }

    /// The parameters every score has: those before the score's, or those after.
    private static func sharedFields(beforeScore: Bool) -> [Field] {
        func gru(_ prefix: String, _ path: WritableKeyPath<ModelParameters, GRUWeights>) -> [Field] {
            GRUWeights.fields.map { Field(name: "\(prefix).\($0.name)", path: path.appending(path: $0.path)) }
        }
        guard beforeScore else {
            return [Field(name: "readout.W_o", path: \.readoutWeights),
               Field(name: "readout.b_o", path: \.readoutBias, isVector: true, isBias: true),
               Field(name: "readout.W_y", path: \.outputWeights),
               Field(name: "readout.b_y", path: \.outputBias, isVector: true, isBias: true)]
        }
        return [Field(name: "encoder.embedding", path: \.sourceEmbedding)]
            + gru("encoder.forward", \.forward) + gru("encoder.backward", \.backward)
            + [Field(name: "decoder.W_s", path: \.initialState),
               Field(name: "decoder.embedding", path: \.targetEmbedding)]
            + gru("decoder", \.decoder)
    }

    /// All-zero parameters of the shapes `configuration` and the vocabularies give.
    public init(zerosFor configuration: ModelConfiguration, sourceWords: Int, targetWords: Int) {
        let c = configuration
        let h = c.annotationSize
        sourceEmbedding = Matrix(rows: sourceWords, columns: c.embeddingSize)
        forward = GRUWeights(inputSize: c.embeddingSize, hiddenSize: c.encoderSize)
        backward = forward
        initialState = Matrix(rows: c.encoderSize, columns: c.decoderSize)
        targetEmbedding = Matrix(rows: targetWords, columns: c.embeddingSize)
        decoder = GRUWeights(inputSize: c.embeddingSize + h, hiddenSize: c.decoderSize)
        switch c.score {
        case .additive:
            scoreWeights = Matrix(rows: c.attentionSize, columns: c.decoderSize + h)
            scoreVector = Matrix(rows: 1, columns: c.attentionSize)
        case .general:
            scoreWeights = Matrix(rows: c.decoderSize, columns: h)
            scoreVector = Matrix(rows: 1, columns: 0)
        case .dot:
            scoreWeights = Matrix(rows: 0, columns: 0)
            scoreVector = Matrix(rows: 1, columns: 0)
        }
        score = c.score
        locality = c.locality
        window = c.window
        positionWeights = c.locality == .predictive ? Matrix(rows: c.positionSize, columns: c.decoderSize) : Matrix(rows: 0, columns: 0)
        positionVector = Matrix(rows: 1, columns: c.locality == .predictive ? c.positionSize : 0)
        readoutWeights = Matrix(rows: c.decoderSize + h + c.embeddingSize, columns: c.readoutSize)
        readoutBias = Matrix(rows: 1, columns: c.readoutSize)
        outputWeights = Matrix(rows: c.readoutSize, columns: targetWords)
        outputBias = Matrix(rows: 1, columns: targetWords)
    }

    /// The parameter called `name` in a checkpoint (a vector as one row), or `nil` for no such name.
    public func matrix(named name: String) -> Matrix? {
        fields.first { $0.name == name }.map { self[keyPath: $0.path] }
    }

    /// The number of scalars over every parameter.
    public var scalarCount: Int {
        fields.reduce(0) { $0 + self[keyPath: $1.path].scalars.count }
    }
}
