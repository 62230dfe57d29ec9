extension Matrix {
    /// The largest entry of each row, as a one-column matrix.
    ///
    /// A row with no columns has maximum negative infinity.
    public func rowMaxima() -> Matrix {
        Matrix(rows: rows, columns: 1) { i, _ in
            (0..<columns).reduce(-Double.infinity) { Swift.max($0, self[i, $1]) }
        }
    }

    /// The sum of each row, as a one-column matrix, added left to right.
    public func rowSums() -> Matrix {
        Matrix(rows: rows, columns: 1) { i, _ in
            (0..<columns).reduce(0) { $0 + self[i, $1] }
        }
    }

    /// The column index of the largest entry in each row (the first one on ties).
    public func rowArgmax() -> [Int] {
        (0..<rows).map { i in
            (0..<columns).reduce(0) { self[i, $1] > self[i, $0] ? $1 : $0 }
        }
    }

    /// The dot product of two one-row matrices of equal width.
    public func dot(_ other: Matrix) -> Double {
        precondition(rows == 1 && other.rows == 1 && columns == other.columns, "dot needs two equal-length rows")
        return zip(scalars, other.scalars).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// The row and column of the first entry, in row-major order, that is NaN or +∞:
    /// a value no attention computation should produce, so its presence means an overflow.
    /// Masked entries (−∞) are not counted.
    public var firstUndefinedEntry: (row: Int, column: Int)? {
        // Any NaN or +∞ makes the sum of the entries clipped at −∞ from below NaN or +∞, so
        // one vectorised pass rules out the usual case before the entry is looked for.
        let clippedSum = scalars.withUnsafeBufferPointer { values in
            var sum = Lanes()
            forEachBlock(of: values.count) { start, count in
                if let base = values.baseAddress {
                    let lanes = UnsafePointer(base + start).lanes(count: count)
                    sum += lanes.replacing(with: 0, where: lanes .== -.infinity)
                }
            }
            return sum.sum()
        }
        guard !clippedSum.isFinite else { return nil }
        return scalars.firstIndex { $0.isNaN || $0 == .infinity }.map { ($0 / Swift.max(columns, 1), $0 % Swift.max(columns, 1)) }
    }
}
