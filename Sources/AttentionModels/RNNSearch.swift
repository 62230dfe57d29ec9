import AttentionMath

/// Bahdanau et al.'s RNNsearch (2014), small: a bidirectional GRU encoder, additive attention
/// with the previous decoder state as the query, a GRU decoder fed the previous word and the
/// context, a tanh readout and a softmax over the target vocabulary.
///
/// This is the model as data: its sizes, vocabularies and parameters, which a checkpoint
/// stores (``Checkpoint``). `AttentionTraining` computes with it and trains it;
/// `AttentionEngine` traces it. `Docs/models/rnnsearch.md` gives every equation, parameter
/// name and shape.
public struct RNNSearch: Equatable, Sendable {
    /// The sizes.
    public let configuration: ModelConfiguration
    /// The source words, one embedding row each.
    public let sourceVocabulary: Vocabulary
    /// `⟨s⟩`, `⟨/s⟩` and the target words, one embedding row and one output each.
    public let targetVocabulary: Vocabulary
    /// The parameters.
    public var parameters: ModelParameters

    /// A model with the given parameters.
    public init(configuration: ModelConfiguration, sourceVocabulary: Vocabulary, targetVocabulary: Vocabulary,
                parameters: ModelParameters) {
        self.configuration = configuration
        self.sourceVocabulary = sourceVocabulary
        self.targetVocabulary = targetVocabulary
        self.parameters = parameters
    }

    /// The most words greedy decoding generates for a source of `sourceLength` words before it
    /// stops without `⟨/s⟩`: `2 n + 5`, more than any translation in the corpus needs.
    public static func translationLimit(sourceLength: Int) -> Int {
        2 * sourceLength + 5
    }
}
