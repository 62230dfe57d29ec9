/// Operations that training a network needs beyond those a trace records: gathering and
/// scattering rows (embedding look-ups and their gradients), grouping rows (a batch of
/// sentences stored one block of rows per sentence), column sums (bias gradients),
/// transposed products (weight gradients) and entry-wise maps.
extension Matrix {
    /// The rows at `indices`, in that order: row `k` of the result is row `indices[k]`.
    ///
    /// An embedding look-up `E[w]` for a list of word indices is `E.gatheringRows(w)`.
    ///
    /// - Precondition: every index is a row of this matrix.
    public func gatheringRows(_ indices: [Int]) -> Matrix {
        var result: [Double] = []
        result.reserveCapacity(indices.count * columns)
        for index in indices {
            precondition(index >= 0 && index < rows, "row \(index) of a \(rows)-row matrix")
            let start: Int = index * columns
            result.append(contentsOf: scalars[start..<(start + columns)])
        }
        return Matrix(rows: indices.count, columns: columns, scalars: result)
    }

    /// Adds row `k` of `rows` to row `indices[k]` of this matrix, for every `k`
    /// (the gradient of ``gatheringRows(_:)``: repeated indices accumulate).
    ///
    /// - Precondition: `rows.rows == indices.count`, equal widths, every index a row of this matrix.
    public mutating func addRows(_ rows: Matrix, at indices: [Int]) {
        precondition(rows.rows == indices.count && rows.columns == columns, "cannot add \(rows.shape) at \(indices.count) rows of \(shape)")
        for (k, index) in indices.enumerated() {
            precondition(index >= 0 && index < self.rows, "row \(index) of a \(self.rows)-row matrix")
            for j in 0..<columns { self[index, j] += rows[k, j] }
        }
    }

    /// Each row repeated `count` times in a row: row `i · count + k` of the result is row `i`.
    public func repeatingEachRow(_ count: Int) -> Matrix {
        var result: [Double] = []
        result.reserveCapacity(rows * count * columns)
        for i in 0..<rows {
            let start: Int = i * columns
            let row = scalars[start..<(start + columns)]
            for _ in 0..<count { result.append(contentsOf: row) }
        }
        return Matrix(rows: rows * count, columns: columns, scalars: result)
    }

    /// The sums of consecutive groups of `size` rows: row `i` of the result is
    /// `Σ_{k < size} self[i · size + k]` (the gradient of ``repeatingEachRow(_:)``).
    ///
    /// - Precondition: `size > 0` and `rows` is a multiple of `size`.
    public func summingRowGroups(of size: Int) -> Matrix {
        precondition(size > 0 && rows % size == 0, "\(rows) rows do not split into groups of \(size)")
        var result = [Double](repeating: 0, count: (rows / size) * columns)
        for i in 0..<rows {
            let target: Int = (i / size) * columns, source: Int = i * columns
            for j in 0..<columns { result[target + j] += scalars[source + j] }
        }
        return Matrix(rows: rows / size, columns: columns, scalars: result)
    }

    /// The same entries in row-major order, read as a `rows × columns` matrix.
    ///
    /// - Precondition: `rows · columns` equals this matrix's entry count.
    public func reshaped(rows: Int, columns: Int) -> Matrix {
        Matrix(rows: rows, columns: columns, scalars: scalars)
    }

    /// The sum of each column, as one row: `Σ_i self[i, j]`.
    public func columnSums() -> Matrix {
        var result = [Double](repeating: 0, count: columns)
        for i in 0..<rows {
            let source: Int = i * columns
            for j in 0..<columns { result[j] += scalars[source + j] }
        }
        return Matrix(row: result)
    }

    /// The product `selfᵀ · other` (a weight gradient `Xᵀ · dY`).
    ///
    /// - Precondition: `rows == other.rows`.
    public func transposeMultiplied(by other: Matrix) -> Matrix {
        precondition(rows == other.rows, "cannot multiply the transpose of \(shape) by \(other.shape)")
        return transposed.multiplied(by: other)
    }

    /// The matrix with `transform` applied to every entry.
    public func mapped(_ transform: (Double) -> Double) -> Matrix {
        Matrix(rows: rows, columns: columns, scalars: scalars.map(transform))
    }

    /// Combines this matrix with an equally shaped one entry by entry through `transform`.
    ///
    /// - Precondition: equal shapes.
    public func zipped(with other: Matrix, _ transform: (Double, Double) -> Double) -> Matrix {
        precondition(shape == other.shape, "cannot combine \(shape) with \(other.shape)")
        return Matrix(rows: rows, columns: columns, scalars: zip(scalars, other.scalars).map(transform))
    }

    /// Adds `other` times `factor` to this matrix in place: `self ← self + factor · other`.
    ///
    /// - Precondition: equal shapes.
    public mutating func add(_ other: Matrix, scaledBy factor: Double = 1) {
        precondition(shape == other.shape, "cannot add \(other.shape) to \(shape)")
        self = Matrix(rows: rows, columns: columns, scalars: zip(scalars, other.scalars).map { $0 + factor * $1 })
    }
}
