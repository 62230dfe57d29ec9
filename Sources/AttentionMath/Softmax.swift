import Foundation

/// Every intermediate of a numerically stable softmax over the rows of a matrix.
///
/// For each row `x`:
///
///     m = max_j x_j                 (maxima)
///     y_j = x_j - m                 (shifted; never positive, so exp cannot overflow)
///     e_j = exp(y_j)                (exponentials)
///     Z = sum_j e_j                 (sums, added left to right)
///     w_j = e_j / Z                 (weights)
///
/// Masked entries are negative infinity and get weight exactly 0. A row whose
/// every entry is masked has `m = -inf`; its shifted values stay `-inf`, its
/// sum is 0 and its weights are all 0 (never NaN). ``fullyMaskedRows`` lists
/// such rows so callers can warn about them.
///
/// - Complexity: O(rows · columns), in one pass over each row per intermediate.
public struct Softmax: Hashable, Sendable {
    /// The input scores.
    public let scores: Matrix
    /// The maximum of each row (one column).
    public let maxima: Matrix
    /// The scores minus their row maximum.
    public let shifted: Matrix
    /// `exp` of the shifted scores.
    public let exponentials: Matrix
    /// The sum of each row of exponentials (one column).
    public let sums: Matrix
    /// The normalised weights; each row sums to 1 unless fully masked.
    public let weights: Matrix

    /// Computes the softmax of every row of `scores`.
    public init(rowsOf scores: Matrix) {
        self.scores = scores
        let rows = scores.rows, columns = scores.columns
        var maxima = [Double](repeating: -.infinity, count: rows)
        var shifted = [Double](repeating: 0, count: rows * columns)
        var exponentials = shifted, weights = shifted
        var sums = [Double](repeating: 0, count: rows)
        scores.scalars.withUnsafeBufferPointer { x in
            for i in 0..<rows {
                let row = i * columns
                var maximum = -Double.infinity
                for j in 0..<columns where x[row + j] > maximum { maximum = x[row + j] }
                maxima[i] = maximum
                var sum = 0.0
                for j in 0..<columns {
                    let y = maximum == -.infinity ? -.infinity : x[row + j] - maximum
                    let e = Foundation.exp(y)
                    shifted[row + j] = y
                    exponentials[row + j] = e
                    sum += e
                }
                sums[i] = sum
                for j in 0..<columns { weights[row + j] = Softmax.normalize(exponentials[row + j], by: sum) }
            }
        }
        self.maxima = Matrix(rows: rows, columns: 1, scalars: maxima)
        self.shifted = Matrix(rows: rows, columns: columns, scalars: shifted)
        self.exponentials = Matrix(rows: rows, columns: columns, scalars: exponentials)
        self.sums = Matrix(rows: rows, columns: 1, scalars: sums)
        self.weights = Matrix(rows: rows, columns: columns, scalars: weights)
    }

    /// `value / sum`, or 0 when the sum is 0 (a fully masked row).
    public static func normalize(_ value: Double, by sum: Double) -> Double {
        sum == 0 ? 0 : value / sum
    }

    /// The rows whose every score is masked.
    public var fullyMaskedRows: [Int] {
        (0..<maxima.rows).filter { maxima[$0, 0] == -.infinity }
    }
}
