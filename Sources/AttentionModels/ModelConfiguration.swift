/// The sizes of an RNNsearch model, and the score its attention uses (see `Docs/models/rnnsearch.md`).
public struct ModelConfiguration: Equatable, Sendable, Codable {
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

    /// Creates a configuration from its sizes and score.
    public init(embeddingSize: Int, encoderSize: Int, decoderSize: Int, attentionSize: Int, readoutSize: Int,
                score: Score = .additive) {
        self.embeddingSize = embeddingSize
        self.encoderSize = encoderSize
        self.decoderSize = decoderSize
        self.attentionSize = attentionSize
        self.readoutSize = readoutSize
        self.score = score
    }

    /// The sizes the shipped model uses: they train to the quality bar in minutes on two cores.
    public static let standard = ModelConfiguration(embeddingSize: 32, encoderSize: 32, decoderSize: 64,
                                                    attentionSize: 32, readoutSize: 64)

    /// `d_h = 2 d_enc`: the width of an annotation.
    public var annotationSize: Int { 2 * encoderSize }

    private enum CodingKeys: String, CodingKey {
        case embeddingSize, encoderSize, decoderSize, attentionSize, readoutSize, score
    }

    /// Reads the sizes, and the score (`additive` when absent, as in checkpoints written before there were others).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(embeddingSize: try container.decode(Int.self, forKey: .embeddingSize),
                  encoderSize: try container.decode(Int.self, forKey: .encoderSize),
                  decoderSize: try container.decode(Int.self, forKey: .decoderSize),
                  attentionSize: try container.decode(Int.self, forKey: .attentionSize),
                  readoutSize: try container.decode(Int.self, forKey: .readoutSize),
                  score: try container.decodeIfPresent(Score.self, forKey: .score) ?? .additive)
    }

    /// Writes the sizes, and the score unless it is `additive`, so that an additive model's
    /// checkpoint is byte for byte what it was before there were other scores.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(embeddingSize, forKey: .embeddingSize)
        try container.encode(encoderSize, forKey: .encoderSize)
        try container.encode(decoderSize, forKey: .decoderSize)
        try container.encode(attentionSize, forKey: .attentionSize)
        try container.encode(readoutSize, forKey: .readoutSize)
        if score != .additive { try container.encode(score, forKey: .score) }
    }
}
