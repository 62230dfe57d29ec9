import AttentionMath
import Testing
import TestSupport

@Suite struct MatrixTests {
    @Test func aSmallProductIsComputedByHand() {
        let a = Matrix(rowArrays: [[1, 2, 3], [4, 5, 6]])
        let b = Matrix(rowArrays: [[7, 8], [9, 10], [11, 12]])
        #expect(a.multiplied(by: b) == Matrix(rowArrays: [[58, 64], [139, 154]]))
        #expect(a.multiplied(byTransposeOf: b.transposed) == Matrix(rowArrays: [[58, 64], [139, 154]]))
    }

    @Test func theBLASPathAgreesWithTheFixedOrderLoop() {
        // 50 x 40 x 60 = 120,000 multiply-adds: above the fixed-order limit, so BLAS computes it.
        var generator = LinearCongruential(seed: 7)
        let a = Matrix(rows: 50, columns: 40) { _, _ in generator.next() }
        let b = Matrix(rows: 40, columns: 60) { _, _ in generator.next() }
        #expect(50 * 40 * 60 > Matrix.fixedOrderProductLimit)
        let reference = Matrix(rows: 50, columns: 60) { i, j in
            (0..<40).reduce(0) { $0 + a[i, $1] * b[$1, j] }
        }
        #expect(isClose(a.multiplied(by: b), reference, tolerance: 1e-12))
        #expect(isClose(a.multiplied(byTransposeOf: b.transposed), reference, tolerance: 1e-12))
    }

    /// Below the limit every entry is the sum of its terms in the order of k, exactly (bit for bit), so
    /// traces and training runs are the same on every CPU.
    @Test func aSmallProductSumsEachEntryInOrder() {
        var generator = LinearCongruential(seed: 11)
        let a = Matrix(rows: 7, columns: 13) { _, _ in generator.next() }
        let b = Matrix(rows: 13, columns: 9) { _, _ in generator.next() }
        #expect(7 * 13 * 9 <= Matrix.fixedOrderProductLimit)
        let inOrder = Matrix(rows: 7, columns: 9) { i, j in
            var sum = 0.0
            for k in 0..<13 { sum += a[i, k] * b[k, j] }
            return sum
        }
        #expect(a.multiplied(by: b) == inOrder)
        #expect(a.multiplied(byTransposeOf: b.transposed) == inOrder)
    }

    /// Broadcasting a row, a column or one number gives what entry-by-entry arithmetic gives.
    @Test(arguments: ElementwiseOperation.allCases)
    func broadcastingMatchesEntryByEntryArithmetic(_ operation: ElementwiseOperation) {
        var generator = LinearCongruential(seed: 5)
        let m = Matrix(rows: 4, columns: 6) { _, _ in generator.next() + 2 }
        for other in [Matrix(rows: 4, columns: 6) { _, _ in generator.next() + 2 }, Matrix(rows: 1, columns: 6) { _, _ in generator.next() + 2 },
                      Matrix(rows: 4, columns: 1) { _, _ in generator.next() + 2 }, Matrix(rows: 1, columns: 1, repeating: 3)] {
            let expected = Matrix(rows: 4, columns: 6) { i, j in operation(m[i, j], other[other.rows == 1 ? 0 : i, other.columns == 1 ? 0 : j]) }
            #expect(m.combined(with: other, operation) == expected, "\(operation) with \(other.shape)")
        }
    }

    @Test func concatenationBroadcastsAOneRowPart() {
        let s = Matrix(row: [1, 2])
        let h = Matrix(rowArrays: [[3], [4], [5]])
        #expect(Matrix.concatenatingColumns([s, h]) == Matrix(rowArrays: [[1, 2, 3], [1, 2, 4], [1, 2, 5]]))
    }

    @Test func slicingAndStacking() {
        let m = Matrix(rowArrays: [[1, 2, 3], [4, 5, 6], [7, 8, 9]])
        #expect(m.columns(1..<3) == Matrix(rowArrays: [[2, 3], [5, 6], [8, 9]]))
        #expect(m.rows(1..<2) == Matrix(row: [4, 5, 6]))
        #expect(m.reversedRows == Matrix.stacking([m.row(2), m.row(1), m.row(0)]))
        #expect(m.transposed[0, 2] == 7)
    }

    @Test func largeMatricesAreSlicedScaledAndJoinedLikeSmallOnes() {
        // 260 x 131 entries: split across cores, with blocks that do not fill eight lanes.
        var generator = LinearCongruential(seed: 9)
        let m = Matrix(rows: 260, columns: 131) { _, _ in generator.next() }
        #expect(m.scaled(by: 0.3).scalars == m.scalars.map { $0 * 0.3 })
        #expect(Matrix(row: [1, -2, 3]).scaled(by: -0.5) == Matrix(row: [-0.5, 1, -1.5]))
        let left = m.columns(0..<64), right = m.columns(64..<131)
        #expect(left.shape == [260, 64] && left[259, 63] == m[259, 63] && right[0, 0] == m[0, 64])
        #expect(Matrix.concatenatingColumns([left, right]) == m)
        #expect(Matrix.stacking([m.rows(0..<100), m.rows(100..<260)]) == m)
        #expect(m.columns(5..<5).shape == [260, 0])
        #expect(Matrix.stacking([Matrix(rows: 0, columns: 2), Matrix(row: [1, 2])]) == Matrix(row: [1, 2]))
    }

    @Test func elementwiseFunctionsAndBroadcasting() {
        let m = Matrix(rowArrays: [[0, 1], [-1, 2]])
        #expect(m.applying(.sigmoid)[0, 0] == 0.5)
        #expect(m.applying(.sigmoid)[1, 0] == 1 - m.applying(.sigmoid)[0, 1])
        #expect(Matrix(row: [-800]).applying(.sigmoid).isFinite)
        #expect(m.combined(with: Matrix(rowArrays: [[10], [20]]), .add) == Matrix(rowArrays: [[10, 11], [19, 22]]))
        #expect(Matrix(row: [0, 4]).interpolated(to: Matrix(row: [8, 8]), weight: Matrix(row: [0.25, 0.5]))
                    == Matrix(row: [2, 6]))
    }
}

/// A tiny deterministic source of values in [-1, 1) for tests.
struct LinearCongruential {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) * 0x1p-52 - 1
    }
}
