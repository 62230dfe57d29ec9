extension Variant {
    /// `additive`: Bahdanau et al. 2014: a small feed-forward network scores [s; h_i]. See `Docs/mechanisms/additive.md`.
    /// With a trained model in force (the shipped one by default) it traces RNNsearch
    /// (`Docs/models/rnnsearch.md`): the model's decoder, attention and word predictions.
    public static let additive = Variant(AlignmentMechanism(
        name: "additive", summary: "Bahdanau et al. 2014: a small feed-forward network scores [s; h_i]",
        score: .fixed(.concat), window: .global, framing: .bahdanau, tracedScore: .additive))
}
