/// Both sides of a pair as they are written, and the alignment of each French token.
struct PairBuilder {
    private(set) var source: [String] = []
    private(set) var target: [String] = []
    private(set) var alignment: [[Int]] = []

    /// Appends an English token and returns its position.
    mutating func english(_ word: String) -> Int {
        source.append(word)
        return source.count - 1
    }

    /// Appends a French token aligned to the English tokens at `positions`.
    mutating func french(_ word: String, alignedTo positions: Int...) {
        target.append(word)
        alignment.append(Array(Set(positions)).sorted())
    }

    /// The pair written so far.
    var pair: SentencePair {
        SentencePair(source: source, target: target, alignment: alignment)
    }
}
