@testable import AttentionCorpus
import Testing

/// The hit rate and AER of attention against gold alignments, worked by hand.
@Suite struct AlignmentScoreTests {
    /// A row of `count` weights whose largest is at `position`.
    static func peaked(at position: Int, of count: Int) -> [Double] {
        (0..<count).map { $0 == position ? 0.6 : 0.4 / Double(count - 1) }
    }

    /// The README pair; its gold links are the→l', man→homme, who→qui, visited→a, visited→visité,
    /// the→le, zoo→zoo, yesterday→hier.
    static let readme = SentencePair(
        source: ["the", "man", "who", "visited", "the", "zoo", "yesterday"],
        target: ["l'", "homme", "qui", "a", "visité", "le", "zoo", "hier"],
        alignment: [[0], [1], [2], [3], [3], [4], [5], [6]])

    @Test func countsTheArgmaxHitsOfOnePair() throws {
        // visité looks at "the" (4) and hier at "the" (0): 6 hits of 8.
        let attention = [0, 1, 2, 3, 4, 4, 5, 0].map { Self.peaked(at: $0, of: 7) }
        var score = AlignmentScore()
        try score.add(attention, for: Self.readme)
        #expect(score.hits == 6 && score.predictedLinks == 8 && score.goldLinks == 8)
        #expect(score.hitRate == 0.75)
        // AER = 1 − 2·6 / (8 + 8) = 0.25.
        #expect(score.alignmentErrorRate == 0.25)
    }

    @Test func sumsCountsOverPairsWithSeveralOrNoGoldLinks() throws {
        let second = SentencePair(source: ["a", "b"], target: ["x", "y"], alignment: [[0, 1], []])
        let score = try AlignmentScore(
            attention: [[0, 1, 2, 3, 4, 4, 5, 0].map { Self.peaked(at: $0, of: 7) }, [[0.2, 0.8], [0.5, 0.5]]],
            for: [Self.readme, second])
        // The second pair: x looks at b, a gold link; y (no gold link) at a, the first of a tie.
        #expect(score.pairs == 2 && score.hits == 7 && score.predictedLinks == 10 && score.goldLinks == 10)
        #expect(score.hitRate == 0.7)
        // AER = 1 − 2·7 / (10 + 10) = 0.3.
        #expect(abs(score.alignmentErrorRate - 0.3) < 1e-15)
    }

    @Test func perfectAttentionHasNoErrors() throws {
        let attention = Self.readme.alignment.map { Self.peaked(at: $0[0], of: 7) }
        let score = try AlignmentScore(attention: [attention], for: [Self.readme])
        #expect(score.hitRate == 1 && score.alignmentErrorRate == 0)
    }

    @Test func theFirstOfEqualWeightsIsTheArgmax() {
        #expect(AlignmentScore.argmax([0.25, 0.5, 0.5, 0.25]) == 1)
        #expect(AlignmentScore.argmax([]) == nil)
        #expect(AlignmentScore.argmax([.nan, 0.1, 0.3]) == 2)
        #expect(AlignmentScore.argmax([.nan]) == nil)
        #expect(AlignmentScore() == AlignmentScore())
        #expect(AlignmentScore().hitRate == 0 && AlignmentScore().alignmentErrorRate == 0)
    }

    @Test func attentionOfTheWrongShapeIsRefused() throws {
        var score = AlignmentScore()
        let rows = try #require(#expect(throws: CorpusError.self) {
            try score.add(Array(repeating: Self.peaked(at: 0, of: 7), count: 7), for: Self.readme)
        })
        #expect(rows.description == "the attention of pair 0 has 7 rows, expected 8 (one per target token)")
        let columns = try #require(#expect(throws: CorpusError.self) {
            try score.add(Array(repeating: Self.peaked(at: 0, of: 6), count: 8), for: Self.readme)
        })
        #expect(columns.description == "the attention of pair 0 has a row of 6 weights, expected 7 (one per source token)")
        #expect(score == AlignmentScore())
        #expect(throws: CorpusError.attentionCount(matrices: 0, pairs: 1)) { try AlignmentScore(attention: [], for: [Self.readme]) }
    }
}
