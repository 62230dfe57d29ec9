import AttentionMath
import AttentionModels
import AttentionTrace
import NameSuggestions

/// Where the parameters and embeddings a trace does not receive from its spec come from:
/// drawn from a seed, or read from a trained model.
///
/// The encoder, the GRUs and the additive score ask for each parameter by its checkpoint
/// name (`encoder.forward.W_z`, `decoder.W_s`, `W_a`) and each word's embedding by its side,
/// so the same traced code reads either, and every parameter's provenance says which.
enum ParameterSource: Sendable {
    /// Glorot-uniform parameters and token-text embeddings from a seed, at the engine's small sizes.
    case seeded(ParameterGenerator)
    /// The parameters of an RNNsearch checkpoint, at its sizes.
    case model(ModelCheckpoint)

    /// The widths the encoder and decoder run at.
    struct Sizes: Equatable {
        /// `d_e`: a word embedding.
        var embedding: Int
        /// `d_enc`: each encoder direction's state.
        var encoder: Int
        /// `d_s`: the decoder state.
        var decoder: Int
        /// `d_a`: the additive score's hidden layer.
        var score: Int

        /// The widest of an embedding, an annotation (`2 d_enc`) and a decoder state.
        var width: Int { max(embedding, 2 * encoder, decoder) }

        /// The seeded sizes: small enough to read every number, the decoder as wide as an
        /// annotation so that dot-product scores apply.
        static let seeded = Sizes(embedding: 8, encoder: 4, decoder: 8, score: 8)
    }

    /// Which sentence a word belongs to, which selects a model's embedding matrix.
    enum Side: String {
        case source, target
    }

    var sizes: Sizes {
        switch self {
        case .seeded:
            return .seeded
        case .model(let checkpoint):
            let c = checkpoint.model.configuration
            return Sizes(embedding: c.embeddingSize, encoder: c.encoderSize, decoder: c.decoderSize, score: c.attentionSize)
        }
    }

    /// The trace option `parameters`: `seeded`, or `model:<file name>`.
    var optionValue: String {
        switch self {
        case .seeded: "seeded"
        case .model(let checkpoint): "model:\(checkpoint.name)"
        }
    }

    /// The parameter called `name` (`rows × columns`, a vector as one row), with its provenance.
    ///
    /// - Precondition: a model has a parameter of that name and shape; the tracer lets a model
    ///   supply only the mechanisms it was trained for, and a checkpoint is shape-checked when read.
    func matrix(named name: String, rows: Int, columns: Int) -> (Matrix, Provenance) {
        switch self {
        case .seeded(let generator):
            return generator.glorotParameter(named: name, rows: rows, columns: columns)
        case .model(let checkpoint):
            guard let value = checkpoint.model.parameters.matrix(named: name), value.shape == [rows, columns] else {
                preconditionFailure("\(checkpoint.name) has no \(rows) × \(columns) parameter '\(name)'")
            }
            return (value, Provenance(.given, note: "\(checkpoint.provenance), tensor '\(name)'"))
        }
    }

    /// The embeddings of `words` on `side`, one row each, with their provenance.
    ///
    /// A seeded embedding depends only on the seed and the word's text, on either side
    /// (provenance `embedding`); a model's is the word's row of `encoder.embedding` or
    /// `decoder.embedding`, read from the checkpoint like any of its parameters (provenance `given`).
    ///
    /// - Precondition: a model knows every word; the tracer checks them first (``unknownWord(in:side:)``).
    func embeddings(of words: [String], side: Side) -> (Matrix, Provenance) {
        switch self {
        case .seeded(let generator):
            let d = Sizes.seeded.embedding
            return (Matrix.stacking(words.map { generator.embedding(of: $0, dimension: d) }),
                    Provenance(.embedding, note: generator.embeddingNote(dimension: d)))
        case .model(let checkpoint):
            let (vocabulary, table, name) = Self.embeddingTable(of: checkpoint.model, side: side)
            let rows = words.map { word in
                guard let index = vocabulary.index(of: word.lowercased()) else {
                    preconditionFailure("'\(word)' is not in \(checkpoint.name)'s \(side) vocabulary")
                }
                return index
            }
            return (table.gatheringRows(rows),
                    Provenance(.given, note: "\(checkpoint.provenance), the rows of tensor '\(name)' for "
                        + zip(words, rows).map { "“\($0)” (\($1))" }.joined(separator: ", ")))
        }
    }

    /// A model's vocabulary, embedding matrix and the matrix's checkpoint name for `side`.
    private static func embeddingTable(of model: RNNSearch, side: Side) -> (Vocabulary, Matrix, String) {
        switch side {
        case .source: (model.sourceVocabulary, model.parameters.sourceEmbedding, "encoder.embedding")
        case .target: (model.targetVocabulary, model.parameters.targetEmbedding, "decoder.embedding")
        }
    }

    /// How many known words an unknown word's error suggests.
    static let suggestedWords = 3

    /// The first of `words` a model does not know on `side`, as the error to report; `nil`
    /// when it knows them all or the parameters are seeded (which embed any word).
    func unknownWord(in words: [String], side: Side) -> TraceError? {
        guard case .model(let checkpoint) = self else { return nil }
        let (vocabulary, _, _) = Self.embeddingTable(of: checkpoint.model, side: side)
        guard let word = words.first(where: { vocabulary.index(of: $0.lowercased()) == nil }) else { return nil }
        let words = vocabulary.tokens.filter { $0 != Vocabulary.start && $0 != Vocabulary.end }
        return .unknownWord(word, side: side.rawValue, model: checkpoint.name,
                            suggestions: closestNames(to: word.lowercased(), among: words, limit: Self.suggestedWords))
    }
}
