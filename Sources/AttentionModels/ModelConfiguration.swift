/// The sizes of an RNNsearch model (see `Docs/models/rnnsearch.md`).
public struct ModelConfiguration: Equatable, Sendable, Codable {
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

    /// Creates a configuration from its sizes.
    public init(embeddingSize: Int, encoderSize: Int, decoderSize: Int, attentionSize: Int, readoutSize: Int) {
        self.embeddingSize = embeddingSize
        self.encoderSize = encoderSize
        self.decoderSize = decoderSize
        self.attentionSize = attentionSize
        self.readoutSize = readoutSize
    }

    /// The sizes the shipped model uses: they train to the quality bar in minutes on two cores.
    public static let standard = ModelConfiguration(embeddingSize: 32, encoderSize: 32, decoderSize: 64,
                                                    attentionSize: 32, readoutSize: 64)

    /// `d_h = 2 d_enc`: the width of an annotation.
    public var annotationSize: Int { 2 * encoderSize }
}
