/// A sentence pair the trainer reads: tokens on both sides and, for evaluation, the gold
/// alignment (for each target position, the source positions it translates).
public protocol AlignedSentencePair {
    var source: [String] { get }
    var target: [String] { get }
    /// `alignment[t]`: the 0-based source positions that target word `t` translates (may be empty).
    var alignment: [[Int]] { get }
}
