extension Matrix {
    /// Row `i` as a one-row matrix.
    public func row(_ i: Int) -> Matrix {
        rows(i..<(i + 1))
    }

    /// The rows in `range`, as a matrix.
    public func rows(_ range: Range<Int>) -> Matrix {
        Matrix(rows: range.count, columns: columns,
               scalars: Array(scalars[(range.lowerBound * columns)..<(range.upperBound * columns)]))
    }

    /// The columns in `range`, as a matrix.
    ///
    /// Multi-head attention uses this to split `Q`, `K` and `V` into heads.
    public func columns(_ range: Range<Int>) -> Matrix {
        var slice: [Double] = []
        slice.reserveCapacity(rows * range.count)
        for i in 0..<rows {
            slice.append(contentsOf: scalars[(i * columns + range.lowerBound)..<(i * columns + range.upperBound)])
        }
        return Matrix(rows: rows, columns: range.count, scalars: slice)
    }

    /// The matrix with rows and columns exchanged.
    public var transposed: Matrix {
        Matrix(rows: columns, columns: rows) { i, j in self[j, i] }
    }

    /// The rows in reverse order (a backward RNN reads its input this way).
    public var reversedRows: Matrix {
        Matrix.stacking((0..<rows).reversed().map(row))
    }

    /// Stacks matrices with equal column counts on top of each other.
    ///
    /// - Precondition: `parts` is non-empty and all parts have the same number of columns.
    public static func stacking(_ parts: [Matrix]) -> Matrix {
        let columns = parts.first?.columns ?? 0
        precondition(parts.allSatisfy { $0.columns == columns }, "stacking needs equal column counts")
        return Matrix(rows: parts.reduce(0) { $0 + $1.rows }, columns: columns,
                      scalars: parts.flatMap(\.scalars))
    }

    /// Places matrices side by side: row `i` of the result is the concatenation
    /// of row `i` of every part.
    ///
    /// A one-row part is broadcast to every row, which is how additive
    /// attention builds `c_i = [s ; h_i]` for every source position at once.
    ///
    /// - Precondition: all parts have the same number of rows, or exactly one row.
    public static func concatenatingColumns(_ parts: [Matrix]) -> Matrix {
        let rows = parts.map(\.rows).max() ?? 0
        precondition(parts.allSatisfy { $0.rows == rows || $0.rows == 1 }, "concatenation needs equal row counts")
        var scalars: [Double] = []
        scalars.reserveCapacity(rows * parts.reduce(0) { $0 + $1.columns })
        for i in 0..<rows {
            for part in parts {
                let r = part.rows == 1 ? 0 : i
                scalars.append(contentsOf: part.scalars[(r * part.columns)..<((r + 1) * part.columns)])
            }
        }
        return Matrix(rows: rows, columns: parts.reduce(0) { $0 + $1.columns }, scalars: scalars)
    }
}
