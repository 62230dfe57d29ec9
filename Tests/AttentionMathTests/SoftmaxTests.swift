import AttentionMath
import Foundation
import Testing
import TestSupport

@Suite struct SoftmaxTests {
    @Test func rowsSumToOneAndKeepTheOrderOfTheScores() {
        let scores = Matrix(rowArrays: [[0.3, -1.2, 2.5, 0.0], [5, 5, 5, 5]])
        let softmax = Softmax(rowsOf: scores)
        for sum in softmax.weights.rowSums().scalars {
            #expect(abs(sum - 1) <= 1e-15)
        }
        #expect(softmax.weights.rowArgmax() == [2, 0])
        #expect(softmax.weights.row(1).scalars == [0.25, 0.25, 0.25, 0.25])
        #expect(softmax.weights[0, 2] > softmax.weights[0, 0] && softmax.weights[0, 0] > softmax.weights[0, 3])
    }

    @Test func addingAConstantToARowChangesNothing() {
        let scores = Matrix(rowArrays: [[0.1, 0.7, -0.4]])
        let shifted = scores.combined(with: Matrix(rows: 1, columns: 1, repeating: 123.25), .add)
        #expect(isClose(Softmax(rowsOf: scores).weights, Softmax(rowsOf: shifted).weights, tolerance: 1e-14))
    }

    @Test func largeScoresDoNotOverflow() {
        let softmax = Softmax(rowsOf: Matrix(rowArrays: [[1000, 1001], [1e308, -1e308]]))
        #expect(softmax.maxima.scalars == [1001, 1e308])
        #expect(abs(softmax.weights[0, 0] - 1 / (1 + exp(1))) <= 1e-15)
        #expect(abs(softmax.weights[0, 1] - exp(1) / (1 + exp(1))) <= 1e-15)
        #expect(softmax.weights.row(1).scalars == [1, 0])
        #expect(softmax.weights.isFinite)
    }

    @Test func maskedEntriesGetZeroAndAFullyMaskedRowGetsZerosNotNaN() {
        let scores = Matrix(rowArrays: [[0.5, -.infinity, 0.5], [-.infinity, -.infinity, -.infinity]])
        let softmax = Softmax(rowsOf: scores)
        #expect(softmax.weights.row(0).scalars == [0.5, 0, 0.5])
        #expect(softmax.weights.row(1).scalars == [0, 0, 0])
        #expect(softmax.sums[1, 0] == 0)
        #expect(softmax.fullyMaskedRows == [1])
    }

    @Test func theHandWorkedExampleMatches() {
        // softmax([1, 2, 3]) = exp([−2, −1, 0]) / (e^−2 + e^−1 + 1)
        let softmax = Softmax(rowsOf: Matrix(row: [1, 2, 3]))
        let z = exp(-2.0) + exp(-1.0) + 1
        #expect(softmax.shifted.scalars == [-2, -1, 0])
        #expect(maxAbsoluteDifference(softmax.weights.scalars, [exp(-2) / z, exp(-1) / z, 1 / z]) <= 1e-16)
    }

    /// 300 x 257 scores (above the size from which rows are split across cores, and a
    /// width that is not a multiple of the eight lanes) with masked entries and a fully
    /// masked row.
    private func largeScores() -> Matrix {
        var generator = LinearCongruential(seed: 11)
        return Matrix(rows: 300, columns: 257) { i, j in
            if i == 17 || (i + j) % 13 == 0 { return -.infinity }
            return 30 * generator.next()
        }
    }

    @Test func rowsComputedInParallelAreBitIdenticalToOneRowAtATime() {
        let scores = largeScores()
        #expect(scores.rows * scores.columns >= 1 << 15)
        let softmax = Softmax(rowsOf: scores)
        for i in 0..<scores.rows {
            let row = Softmax(rowsOf: scores.row(i))
            #expect(softmax.maxima.row(i) == row.maxima)
            #expect(softmax.shifted.row(i) == row.shifted)
            #expect(softmax.exponentials.row(i) == row.exponentials)
            #expect(softmax.sums.row(i) == row.sums)
            #expect(softmax.weights.row(i) == row.weights)
        }
        #expect(softmax.fullyMaskedRows == [17])
        #expect(softmax.weights.row(17) == Matrix(rows: 1, columns: 257))
        #expect(softmax.shifted.row(17).scalars.allSatisfy { $0 == -.infinity })
    }

    @Test func theIntermediatesFollowTheirFormulasExactly() {
        let scores = largeScores()
        let softmax = Softmax(rowsOf: scores)
        for i in 0..<scores.rows where i != 17 {
            let x = scores.row(i).scalars, e = softmax.exponentials.row(i).scalars
            #expect(softmax.maxima[i, 0] == x.max())
            #expect(softmax.shifted.row(i).scalars == x.map { $0 - softmax.maxima[i, 0] })
            // The maximum's exponential is exactly 1; masked entries' exactly 0.
            #expect(e[x.firstIndex(of: softmax.maxima[i, 0]) ?? 0] == 1)
            #expect(zip(x, e).allSatisfy { $0 != -.infinity || $1 == 0 })
            // Summed left to right, as documented.
            #expect(softmax.sums[i, 0] == e.reduce(0, +))
            #expect(softmax.weights.row(i).scalars == e.map { $0 / softmax.sums[i, 0] })
        }
    }

    @Test func exponentialsAreWithinOneULPOfTheCLibrary() {
        let softmax = Softmax(rowsOf: largeScores())
        let differences = zip(softmax.shifted.scalars, softmax.exponentials.scalars).map { y, e in
            abs(Int64(bitPattern: e.bitPattern) - Int64(bitPattern: exp(y).bitPattern))
        }
        #expect(differences.max() == 1)
    }

    @Test func emptyMatricesHaveEmptyIntermediates() {
        let noColumns = Softmax(rowsOf: Matrix(rows: 2, columns: 0))
        #expect(noColumns.maxima.scalars == [-.infinity, -.infinity])
        #expect(noColumns.sums.scalars == [0, 0])
        #expect(noColumns.weights.shape == [2, 0])
        #expect(Softmax(rowsOf: Matrix(rows: 0, columns: 3)).weights.shape == [0, 3])
    }
}
