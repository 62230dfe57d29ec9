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
/// `exp` is AttentionMath's own vectorised exponential (fdlibm's method, within
/// 1 ulp of the exact value and bit-identical on every x86-64 machine), not the C
/// library's; `exp(0)` is exactly 1, so the entry that attains the maximum always
/// contributes exactly 1 to its row's sum.
///
/// - Complexity: O(rows · columns). Each row is read twice (for its maximum, then
///   for everything else) while it is in the cache, and every intermediate is
///   written once. Large matrices are split into chunks of rows computed on all
///   cores; each row is computed the same way in any chunk, so the result does not
///   depend on the number of cores.
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
        let rows = scores.rows, columns = scores.columns, count = rows * columns
        var maxima = [Double](repeating: -.infinity, count: rows)
        var sums = [Double](repeating: 0, count: rows)
        var exponentials: [Double] = [], weights: [Double] = []
        let shifted = [Double](unsafeUninitializedCount: count) { y in
            exponentials = [Double](unsafeUninitializedCount: count) { e in
                weights = [Double](unsafeUninitializedCount: count) { w in
                    scores.scalars.withUnsafeBufferPointer { x in
                        maxima.withUnsafeMutableBufferPointer { m in
                            sums.withUnsafeMutableBufferPointer { z in
                                guard let x = x.baseAddress, let m = m.baseAddress, let z = z.baseAddress else { return }
                                let storage = RowStorage(columns: columns, scores: x, maxima: m, shifted: y,
                                                         exponentials: e, sums: z, weights: w)
                                RowPartition.forEachChunk(rows: rows, columns: columns) { range in
                                    for i in range { storage.computeRow(i) }
                                }
                            }
                        }
                    }
                }
            }
        }
        self.maxima = Matrix(rows: rows, columns: 1, scalars: maxima)
        self.shifted = Matrix(rows: rows, columns: columns, scalars: shifted)
        self.exponentials = Matrix(rows: rows, columns: columns, scalars: exponentials)
        self.sums = Matrix(rows: rows, columns: 1, scalars: sums)
        self.weights = Matrix(rows: rows, columns: columns, scalars: weights)
    }

    /// The rows whose every score is masked.
    public var fullyMaskedRows: [Int] {
        (0..<maxima.rows).filter { maxima[$0, 0] == -.infinity }
    }
}

extension Softmax {
    /// The storage of one softmax: the scores it reads and the intermediates it writes,
    /// one row at a time.
    private struct RowStorage {
        let columns: Int
        let scores: UnsafePointer<Double>
        let maxima: UnsafeMutablePointer<Double>
        let shifted: UnsafeMutablePointer<Double>
        let exponentials: UnsafeMutablePointer<Double>
        let sums: UnsafeMutablePointer<Double>
        let weights: UnsafeMutablePointer<Double>

        /// Writes row `i` of every intermediate.
        func computeRow(_ i: Int) {
            let start = i * columns
            let x = scores + start, y = shifted + start, e = exponentials + start, w = weights + start
            let maximum = Self.maximum(of: x, count: columns)
            maxima[i] = maximum
            guard maximum != -.infinity else {
                // Every score is masked: no weight anywhere, and no NaN from (−∞) − (−∞).
                y.initialize(repeating: -.infinity, count: columns)
                e.initialize(repeating: 0, count: columns)
                w.initialize(repeating: 0, count: columns)
                sums[i] = 0
                return
            }
            var sum = 0.0
            forEachBlock(of: columns) { j, count in
                let differences = (x + j).lanes(count: count) - maximum
                let powers = Lanes.exp(differences)
                (y + j).store(differences, count: count)
                (e + j).store(powers, count: count)
                for lane in 0..<count { sum += powers[lane] }
            }
            sums[i] = sum
            forEachBlock(of: columns) { j, count in
                (w + j).store(UnsafePointer(e + j).lanes(count: count) / sum, count: count)
            }
        }

        /// The largest of `count` values, ignoring NaN; −∞ when there is none.
        private static func maximum(of x: UnsafePointer<Double>, count: Int) -> Double {
            var lanes = Lanes(repeating: -.infinity)
            forEachBlock(of: count) { j, count in
                let values = (x + j).lanes(count: count, padding: -.infinity)
                lanes.replace(with: values, where: values .> lanes)
            }
            var maximum = -Double.infinity
            for lane in 0..<Lanes.scalarCount where lanes[lane] > maximum { maximum = lanes[lane] }
            return maximum
        }
    }
}
