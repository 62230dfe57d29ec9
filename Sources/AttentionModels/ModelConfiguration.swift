/// The sizes of an RNNsearch model, and the score and window its attention uses (see `Docs/models/rnnsearch.md`).
public struct ModelConfiguration: Equatable, Sendable, Codable {
    /// Where the attention looks (Luong et al. 2015, section 3): every source word, or a window
    /// of `2D + 1` words around a centre `p_t`.
    public enum Locality: String, Codable, Sendable, CaseIterable {
        /// Every source word (global attention; Bahdanau's).
        case global
        /// `|i − t| ≤ D`: the window follows the target position (local-m).
        case monotonic = "local-m"
        /// `|i − p_t| ≤ D` around `p_t = n · σ(v_p · tanh(W_p s))`, the window softmax times a
        /// Gaussian of `σ = D / 2` (local-p).
        case predictive = "local-p"
    }

    /// The score of the attention: Bahdanau's additive score, or Luong et al.'s `general` or `dot`
    /// score in the same decoder.
    public enum Score: String, Codable, Sendable, CaseIterable {
        /// `e_i = v_a · tanh(W_a [s ; h_i])` (Bahdanau et al. 2014; Luong's `concat`).
        case additive
        /// `e_i = s W_a h_iᵀ` (Luong et al. 2015), with `W_a` d_s × d_h.
        case general
        /// `e_i = s · h_i` (Luong et al. 2015), which needs d_s = d_h.
        case dot
    }

    /// `d_e`: the width of a word embedding, on both sides.
    public var embeddingSize: Int
    /// `d_enc`: the state width of each encoder direction; annotations have `2 d_enc` numbers.
    public var encoderSize: Int
    /// `d_s`: the decoder state width.
    public var decoderSize: Int
    /// `d_a`: the width of the additive attention's hidden layer.
    public var attentionSize: Int
    /// `d_o`: the width of the readout layer before the output softmax.
    public var readoutSize: Int
    /// The attention's score.
    public var score: Score
    /// Where the attention looks.
    public var locality: Locality
    /// `D`: the half-width of a local window (unused by global attention).
    public var window: Int
    /// `d_p`: the width of local-p's position predictor (unused otherwise).
    public var positionSize: Int

    /// The default `D` of a local window: 3 words either side, nearly half of a typical sentence of the corpus.
    public static let defaultWindow = 3
    /// The default `d_p` of local-p's position predictor.
    public static let defaultPositionSize = 16

    /// Creates a configuration from its sizes, score and window.
    public init(embeddingSize: Int, encoderSize: Int, decoderSize: Int, attentionSize: Int, readoutSize: Int,
                score: Score = .additive, locality: Locality = .global, window: Int = defaultWindow,
                positionSize: Int = defaultPositionSize) {
        self.embeddingSize = embeddingSize
        self.encoderSize = encoderSize
        self.decoderSize = decoderSize
        self.attentionSize = attentionSize
        self.readoutSize = readoutSize
        self.score = score
        self.locality = locality
        self.window = window
        self.positionSize = positionSize
    }

    /// The sizes the shipped model uses: they train to the quality bar in minutes on two cores.
    public static let standard = ModelConfiguration(embeddingSize: 32, encoderSize: 32, decoderSize: 64,
                                                    attentionSize: 32, readoutSize: 64)

    /// A value of the configuration that no model can have: its key (as the checkpoint's metadata
    /// names it), the value, and why.
    public struct Problem: Error, Equatable, Sendable {
        public var key: String
        public var value: Int
        public var reason: String
    }

    /// The first value no model can have, or `nil`: a size below 1, a dot score whose query and
    /// annotations differ in width, a local window below its least half-width (0, or 1 for
    /// local-p, whose Gaussian has σ = D/2), or a position predictor below width 1.
    public var problem: Problem? {
        for (key, size) in [("embeddingSize", embeddingSize), ("encoderSize", encoderSize), ("decoderSize", decoderSize),
                            ("attentionSize", attentionSize), ("readoutSize", readoutSize)] where size <= 0 {
            return Problem(key: key, value: size, reason: "must be at least 1")
        }
        if score == .dot, decoderSize != annotationSize {
            return Problem(key: "decoderSize", value: decoderSize,
                           reason: "the dot score needs d_s = d_h = 2 · d_enc = \(annotationSize)")
        }
        guard locality != .global else { return nil }
        if locality == .predictive, window < 1 {
            return Problem(key: "window", value: window,
                           reason: "local-p needs a window of at least 1: its Gaussian has σ = D/2, which must be positive")
        }
        if window < 0 { return Problem(key: "window", value: window, reason: "must not be negative") }
        if locality == .predictive, positionSize <= 0 {
            return Problem(key: "positionSize", value: positionSize, reason: "must be at least 1")
        }
        return nil
    }

    /// The attention in words, for messages: `the general score`, `the general score in a local-p window of D = 3`.
    public var attentionDescription: String {
        locality == .global ? "the \(score.rawValue) score" : "the \(score.rawValue) score in a \(locality.rawValue) window of D = \(window)"
    }

    /// `d_h = 2 d_enc`: the width of an annotation.
    public var annotationSize: Int { 2 * encoderSize }

    private enum CodingKeys: String, CodingKey {
        case embeddingSize, encoderSize, decoderSize, attentionSize, readoutSize, score, locality, window, positionSize
    }

    /// Reads the sizes, the score (`additive` when absent, as in checkpoints written before there
    /// were others) and the window (global when absent; `window` and, for local-p, `positionSize`
    /// are then required).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let locality = try container.decodeIfPresent(Locality.self, forKey: .locality) ?? .global
        self.init(embeddingSize: try container.decode(Int.self, forKey: .embeddingSize),
                  encoderSize: try container.decode(Int.self, forKey: .encoderSize),
                  decoderSize: try container.decode(Int.self, forKey: .decoderSize),
                  attentionSize: try container.decode(Int.self, forKey: .attentionSize),
                  readoutSize: try container.decode(Int.self, forKey: .readoutSize),
                  score: try container.decodeIfPresent(Score.self, forKey: .score) ?? .additive,
                  locality: locality,
                  window: locality == .global ? Self.defaultWindow : try container.decode(Int.self, forKey: .window),
                  positionSize: locality == .predictive ? try container.decode(Int.self, forKey: .positionSize)
                      : Self.defaultPositionSize)
    }

    /// Writes the sizes, the score unless it is `additive` and the window unless it is global, so
    /// that a global additive model's checkpoint is byte for byte what it was before there were others.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(embeddingSize, forKey: .embeddingSize)
        try container.encode(encoderSize, forKey: .encoderSize)
        try container.encode(decoderSize, forKey: .decoderSize)
        try container.encode(attentionSize, forKey: .attentionSize)
        try container.encode(readoutSize, forKey: .readoutSize)
        if score != .additive { try container.encode(score, forKey: .score) }
        guard locality != .global else { return }
        try container.encode(locality, forKey: .locality)
        try container.encode(window, forKey: .window)
        if locality == .predictive { try container.encode(positionSize, forKey: .positionSize) }
    }
}
