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
}
