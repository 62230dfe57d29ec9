import AttentionModels

/// Which parameters a request asks the engine to trace with, where its spec does not give them.
public enum ParameterChoice: Sendable {
    /// The package's trained model of the variant's score (``ModelCheckpoint/shipped(score:)``) when
    /// the variant traces one (`additive`, `general`, `dot`), the input is sentences (a spec, even of
    /// tokens only, keeps its seeded parameters) and the package ships that model; seeded parameters
    /// otherwise. Under the model, every word must be in its vocabulary.
    case automatic
    /// Parameters and embeddings drawn from the request's seed, at the engine's small sizes.
    case seeded
    /// This model: the variant must trace it and the spec must give no tensors.
    case model(ModelCheckpoint)
    /// The parameters the package's trained model of the variant's score started from, before its
    /// first training step (``ModelCheckpoint/initial()``): as for a model, only for the variants that
    /// trace one and with no tensors given.
    case initial
}

extension ParameterChoice {
    /// Whether this choice can be asked of `variant`: seeded or automatic parameters can be asked
    /// of any, a model only of the variant that traces its score and window, initial parameters only of a variant that
    /// traces a model (`compare` and a lesson's `{compare}` give a model to those entries alone).
    public func applies(to variant: Variant) -> Bool {
        switch self {
        case .automatic, .seeded: true
        case .model(let checkpoint): variant.traces(checkpoint.model.configuration)
        case .initial: variant.tracedScore != nil
        }
    }
}
