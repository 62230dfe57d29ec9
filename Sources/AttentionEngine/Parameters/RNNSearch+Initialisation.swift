import AttentionModels

extension ModelParameters {
    /// Freshly initialised parameters: every matrix Glorot-uniform from its own stream of `seed`
    /// (named after the parameter, as the engine draws its seeded parameters), biases zero.
    ///
    /// Embeddings, `v_a` and the weights are drawn alike: `U[−b, b)`, `b = √(6 / (rows + columns))`
    /// (for `v_a`, `rows = 1`). `attention-trace train` starts from these, and ``ModelCheckpoint/initial()``
    /// draws them again for a checkpoint it wrote.
    public init(initialisedFor configuration: ModelConfiguration, sourceWords: Int, targetWords: Int, seed: UInt64) {
        self.init(zerosFor: configuration, sourceWords: sourceWords, targetWords: targetWords)
        let generator = ParameterGenerator(seed: seed)
        for field in fields where !field.isBias {
            let shape = self[keyPath: field.path]
            self[keyPath: field.path] = generator.glorotUniform(named: field.name, rows: shape.rows, columns: shape.columns)
        }
    }
}

extension RNNSearch {
    /// A freshly initialised model (see ``ModelParameters/init(initialisedFor:sourceWords:targetWords:seed:)``).
    public init(configuration: ModelConfiguration, sourceVocabulary: Vocabulary, targetVocabulary: Vocabulary,
                seed: UInt64) {
        self.init(configuration: configuration, sourceVocabulary: sourceVocabulary, targetVocabulary: targetVocabulary,
                  parameters: ModelParameters(initialisedFor: configuration, sourceWords: sourceVocabulary.count,
                                              targetWords: targetVocabulary.count, seed: seed))
    }
}

extension ModelCheckpoint {
    /// The model this checkpoint's training started from: the same configuration and vocabularies,
    /// with the parameters `attention-trace train` drew from the seed its record names, before its
    /// first step (in float64, whatever the checkpoint's dtype). Its ``training`` has no epochs, so
    /// a trace says the parameters are initial, and its name says the epoch.
    ///
    /// - Returns: `nil` when the checkpoint has no training record naming a seed.
    public func initial() -> ModelCheckpoint? {
        guard let seed = training?.seed else { return nil }
        let model = RNNSearch(configuration: model.configuration, sourceVocabulary: model.sourceVocabulary,
                              targetVocabulary: model.targetVocabulary, seed: seed)
        return ModelCheckpoint(model: model, name: "\(name) at epoch 0", training: TrainingSummary(epochs: [], seed: seed))
    }
}
