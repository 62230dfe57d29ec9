/// Every attention mechanism attention-trace can trace.
public enum Variant: String, CaseIterable, Codable, Sendable {
    case additive
    case dot
    case general
    case scaledDot = "scaled-dot"
    case concat
    case global
    case localM = "local-m"
    case localP = "local-p"
    case selfAttention = "self"
    case causal
    case multiHead = "multi-head"
    case cross
    case coAttention = "co-attention"

    /// One line saying what the mechanism does and where it comes from.
    public var summary: String {
        switch self {
        case .additive: "Bahdanau et al. 2014: a small feed-forward network scores [s; h_i]"
        case .dot: "Luong et al. 2015: the score is the dot product s · h_i"
        case .general: "Luong et al. 2015: the score is the bilinear form s W_a h_i"
        case .scaledDot: "the dot product divided by √d_h, as in Transformers"
        case .concat: "Luong et al. 2015: the additive score in Luong's framing"
        case .global: "Luong et al. 2015: attend to every source position (--score dot|general|concat)"
        case .localM: "Luong et al. 2015: a monotonic window of half-width D around p_t = t"
        case .localP: "Luong et al. 2015: a predicted window centre p_t and a Gaussian fall-off"
        case .selfAttention: "Vaswani et al. 2017: one head of scaled dot-product self-attention"
        case .causal: "self-attention that may only look at earlier positions"
        case .multiHead: "Vaswani et al. 2017: several heads in parallel, concatenated and projected"
        case .cross: "queries from the target side, keys and values from the source side"
        case .coAttention: "Lu et al. 2016: parallel co-attention between a question and a document"
        }
    }

    /// What the variant attends with and over, which decides the sentences it needs.
    public enum Sides: Sendable {
        /// Decoder states (from the target) attend over annotations (from the source).
        case decoderOverSource
        /// The source attends over itself; a target does not apply.
        case sourceOnly
        /// Both sentences, in their own roles.
        case sourceAndTarget
    }

    /// The sentences the variant reads.
    public var sides: Sides {
        switch self {
        case .additive, .dot, .general, .scaledDot, .concat, .global, .localM, .localP: .decoderOverSource
        case .selfAttention, .causal, .multiHead: .sourceOnly
        case .cross, .coAttention: .sourceAndTarget
        }
    }

    /// The options (`score`, `window`, `heads`, `causal`) that mean something for the variant.
    public var applicableOptions: [String] {
        switch self {
        case .global: ["score"]
        case .localM, .localP: ["score", "window"]
        case .selfAttention: ["causal"]
        case .multiHead, .cross: ["heads", "causal"]
        case .additive, .dot, .general, .scaledDot, .concat, .causal, .coAttention: []
        }
    }
}
