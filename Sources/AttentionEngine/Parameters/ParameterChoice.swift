import AttentionModels

/// Which parameters a request asks the engine to trace with, where its spec does not give them.
public enum ParameterChoice: Sendable {
    /// The package's trained model (``ModelCheckpoint/shipped()``) when the variant traces one
    /// (`additive`), the input is sentences (a spec, even of tokens only, keeps its seeded
    /// parameters) and the package ships a model; seeded parameters otherwise. Under the model,
    /// every word must be in its vocabulary.
    case automatic
    /// Parameters and embeddings drawn from the request's seed, at the engine's small sizes.
    case seeded
    /// This model: the variant must trace it and the spec must give no tensors.
    case model(ModelCheckpoint)
}
