/// Every intermediate of a numerically stable softmax over the rows of a matrix.
///
/// For each row `x`:
///
///     m = max_j x_j                 (maxima)
///     y_j = x_j - m                 (shifted; never positive, so exp cannot overflow)
///     e_j = exp(y_j)                (exponentials)
///     Z = sum_j e_j                 (sums)
///     w_j = e_j / Z                 (weights)
///
/// Masked entries are negative infinity and get weight exactly 0. A row whose
/// every entry is masked has `m = -inf`; its shifted values stay `-inf`, its
/// sum is 0 and its weights are all 0 (never NaN). ``fullyMaskedRows`` lists
/// such rows so callers can warn about them.
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
        maxima = scores.rowMaxima()
        shifted = Matrix(rows: scores.rows, columns: scores.columns) { [maxima] i, j in
            maxima[i, 0] == -.infinity ? -.infinity : scores[i, j] - maxima[i, 0]
        }
        exponentials = shifted.applying(.exp)
        sums = exponentials.rowSums()
        weights = Matrix(rows: scores.rows, columns: scores.columns) { [exponentials, sums] i, j in
            Softmax.normalize(exponentials[i, j], by: sums[i, 0])
        }
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
