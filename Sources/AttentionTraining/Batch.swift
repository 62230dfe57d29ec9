import AttentionMath

/// Sentence pairs as vocabulary indices, padded to common lengths and stored time-major,
/// with masks saying which positions are real.
///
/// Position `t` of every sentence forms one matrix row per sentence, so a GRU step reads a
/// whole batch through one product. Sources are padded at the end: a padded position keeps
/// each encoder state unchanged and is masked out of attention. Targets end with `⟨/s⟩`;
/// padded target positions are left out of the loss.
struct Batch {
    /// `B`: the number of sentence pairs.
    let size: Int
    /// `n`: the longest source.
    let sourceLength: Int
    /// `m`: the longest target, counting its `⟨/s⟩`.
    let targetLength: Int
    /// `sourceTokens[i][b]`: the source word at position `i` of sentence `b` (0 where padded).
    let sourceTokens: [[Int]]
    /// `sourceMasks[i]` (`B × 1`): 1 where sentence `b` has a word at position `i`, else 0.
    let sourceMasks: [Matrix]
    /// `B × n`: whether each sentence has a word at each position (attention's mask).
    let sourcePresent: [[Bool]]
    /// `previousTokens[t][b]`: what the decoder reads before target position `t` (`⟨s⟩`, then the words).
    let previousTokens: [[Int]]
    /// `nextTokens[t][b]`: the word to predict at target position `t`.
    let nextTokens: [[Int]]
    /// `targetPresent[t][b]`: whether sentence `b` has a target position `t`.
    let targetPresent: [[Bool]]
    /// The number of predicted words, over which the loss is averaged.
    let tokenCount: Int
    /// `goldPositions[t][b]`: the source positions target word `t` of sentence `b` translates
    /// (empty for `⟨/s⟩`, padding, or a batch built without alignments).
    let goldPositions: [[[Int]]]
    /// The number of target words with gold positions, over which the alignment loss is averaged.
    let alignedCount: Int

    /// Builds a batch from index sequences; targets must not yet hold `⟨s⟩` or `⟨/s⟩`.
    ///
    /// - Parameter alignments: For each pair, the gold source positions of each target word, if known.
    /// - Precondition: at least one pair; every source has at least one word.
    init(sources: [[Int]], targets: [[Int]], alignments: [[[Int]]]? = nil, start: Int, end: Int) {
        precondition(!sources.isEmpty && sources.count == targets.count && sources.allSatisfy { !$0.isEmpty })
        size = sources.count
        sourceLength = sources.map(\.count).max() ?? 0
        targetLength = (targets.map(\.count).max() ?? 0) + 1
        let n = sourceLength, m = targetLength
        sourceTokens = (0..<n).map { i in sources.map { i < $0.count ? $0[i] : 0 } }
        sourcePresent = sources.map { sentence in (0..<n).map { $0 < sentence.count } }
        sourceMasks = (0..<n).map { i in Matrix(rows: sources.count, columns: 1) { b, _ in i < sources[b].count ? 1 : 0 } }
        let outputs = targets.map { $0 + [end] }, inputs = targets.map { [start] + $0 }
        previousTokens = (0..<m).map { t in inputs.map { t < $0.count ? $0[t] : end } }
        nextTokens = (0..<m).map { t in outputs.map { t < $0.count ? $0[t] : end } }
        targetPresent = (0..<m).map { t in outputs.map { t < $0.count } }
        tokenCount = outputs.reduce(0) { $0 + $1.count }
        goldPositions = (0..<m).map { t in
            (0..<sources.count).map { b in
                guard let alignment = alignments?[b], t < alignment.count, t < targets[b].count else { return [] }
                return alignment[t].filter { $0 >= 0 && $0 < sources[b].count }
            }
        }
        alignedCount = goldPositions.joined().filter { !$0.isEmpty }.count
    }
}
