import AttentionTrace

/// A request's input after tokenisation and option merging: what every mechanism reads.
struct ResolvedInput {
    /// The given tensors and the generator for the rest.
    var tensors: TensorSource
    /// Labels of the source positions, from the spec or the tokenised source sentence.
    var sourceTokens: [String]?
    /// Labels of the target positions, from the spec or the tokenised target sentence.
    var targetTokens: [String]?
    /// The options in effect: the variant's implied ones, the given ones and the mechanism's defaults.
    var options: MechanismOptions

    /// The axis for `rows` positions of `tensor`, labelled by `labels` when given.
    ///
    /// - Throws: ``TraceError/shapeMismatch(tensor:expected:found:because:)`` when
    ///   the number of labels and of rows differ.
    func axis(_ name: String, labels: [String]?, rows: Int, tensor: String) throws(TraceError) -> Axis {
        guard let labels else { return Axis(name: name) }
        guard labels.count == rows else {
            throw TraceError.shapeMismatch(tensor: tensor, expected: [labels.count], found: [rows],
                                           because: "one row per \(name) token, and the input has \(labels.count) \(name) tokens")
        }
        return Axis(name: name, labels: labels)
    }

    /// A sequence length for a size estimate: the rows of the first of `names` the spec gives,
    /// else the number of `tokens`, else 0.
    func length(given names: [String], tokens: [String]?) -> Int {
        names.compactMap { tensors.given[$0]?.rowCount }.first ?? tokens?.count ?? 0
    }

    /// The model width for a size estimate: the widest given tensor's, else the widest of the
    /// parameters' embeddings, annotations and decoder states.
    var width: Int {
        tensors.given.values.map(\.columnCount).max() ?? tensors.parameters.sizes.width
    }
}
