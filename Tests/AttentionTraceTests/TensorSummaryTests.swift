import AttentionTrace
import Testing

/// What a trace keeps of a tensor it does not keep in full, worked out by hand.
@Suite struct TensorSummaryTests {
    static let m = -Double.infinity
    static let values = Tensor(rows: [
        [1, 3, m, m, 5],
        [5, 7, m, m, 6],
        [2, m, 9, 1, 0],
    ])

    @Test func blocksAreMeansOfTheirUnmaskedCellsAndFullyMaskedBlocksStayMasked() throws {
        let pooled = try #require(TensorSummary(Self.values, pictureSide: 2).slices.first)
        #expect(pooled.blockRows == 2 && pooled.blockColumns == 3)
        #expect(pooled.blockMeans.shape == [2, 2])
        // (1 + 3 + 5 + 7) / 4, (5 + 6) / 2; (2 + 9) / 2, (1 + 0) / 2.
        #expect(pooled.blockMeans.scalars == [4, 5.5, 5.5, 0.5])
        let masked = try #require(TensorSummary(Self.values, pictureSide: 3).slices.first)
        #expect(masked.blockRows == 1 && masked.blockColumns == 2)
        #expect(masked.blockMeans.scalars == [2, Self.m, 5, 6, Self.m, 6, 2, 5, 0])
    }

    @Test func extremesAndMeanSkipMaskedCells() throws {
        let slice = try #require(TensorSummary(Self.values).slices.first)
        #expect(slice.minimum == 0 && slice.maximum == 9)
        #expect(slice.mean == 39.0 / 10)  // 1+3+5+5+7+6+2+9+1+0 over 10 unmasked cells
        #expect(slice.maskedCount == 5)
        #expect(slice.rows == 3 && slice.columns == 5)
    }

    @Test func edgesKeepTheFirstAndLastThreeRowsAndColumns() throws {
        let tensor = Tensor(shape: [8, 7], scalars: (0..<56).map(Double.init))
        let slice = try #require(TensorSummary(tensor).slices.first)
        #expect(slice.edgeRows == [0, 1, 2, 5, 6, 7])
        #expect(slice.edgeColumns == [0, 1, 2, 4, 5, 6])
        #expect(slice.edges.shape == [6, 6])
        #expect(slice.edges[3, 3] == 5 * 7 + 4)
        #expect(slice.edges[5, 5] == 55)
        let small = try #require(TensorSummary(Self.values).slices.first)
        #expect(small.edgeRows == [0, 1, 2] && small.edgeColumns == [0, 1, 2, 3, 4])
        #expect(small.edges == Self.values)
    }

    /// However the rows of blocks are shared out (here one at a time, last first, as threads may
    /// finish), each block adds its cells in the same order, so the summary is the same to the bit.
    @Test(arguments: [(rows: 300, columns: 37, side: 128), (rows: 300, columns: 1_030, side: 128), (rows: 7, columns: 5, side: 2)])
    func splittingTheRowsChangesNothing(_ size: (rows: Int, columns: Int, side: Int)) {
        let count = 2 * size.rows * size.columns
        let scalars: [Double] = (0..<count).map { (k: Int) -> Double in
            k % 11 == 3 ? -.infinity : Double((k * 7_919) % 1_000) / 997 - 0.5
        }
        let tensor = Tensor(shape: [2, size.rows, size.columns], scalars: scalars)
        var calls = 0
        let split = TensorSummary(tensor, pictureSide: size.side) { rows, _, body in
            for row in (0..<rows).reversed() {
                calls += 1
                body(row..<(row + 1))
            }
        }
        #expect(calls > 2)
        #expect(split == TensorSummary(tensor, pictureSide: size.side))
    }

    @Test func aStackIsSummarisedPerSliceAndStackingSummariesGivesTheSame() {
        let first = Tensor(rows: [[0, 1], [2, 3]]), second = Tensor(rows: [[-1, 4], [8, 0.5]])
        let stacked = Tensor(shape: [2, 2, 2], scalars: first.scalars + second.scalars)
        let summary = TensorSummary(stacked)
        #expect(summary.shape == [2, 2, 2])
        #expect(summary.slices.map(\.maximum) == [3, 8])
        #expect(summary == TensorSummary(stacking: [TensorSummary(first), TensorSummary(second)]))
        #expect(summary.range == -1...8)
    }

    @Test func theDefaultPolicyKeepsAThousandSquaredAndSummarisesMore() {
        #expect(RecordingPolicy.bounded.keepsNumbers(ofCount: 1024 * 1024))
        #expect(!RecordingPolicy.bounded.keepsNumbers(ofCount: 1024 * 1024 + 1))
        #expect(RecordingPolicy.full.keepsNumbers(ofCount: .max))
    }
}
