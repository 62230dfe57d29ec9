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
    ///
    /// - Precondition: `range` lies within `0..<columns`.
    public func columns(_ range: Range<Int>) -> Matrix {
        precondition(range.lowerBound >= 0 && range.upperBound <= columns,
                     "columns \(range) of a matrix with \(columns) columns")
        let width = range.count, columns = columns
        let slice = [Double](unsafeUninitializedCount: rows * width) { output in
            scalars.withUnsafeBufferPointer { input in
                guard let input = input.baseAddress else { return }
                for i in 0..<rows {
                    (output + i * width).initialize(from: input + i * columns + range.lowerBound, count: width)
                }
            }
        }
        return Matrix(rows: rows, columns: width, scalars: slice)
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
        let rows = parts.reduce(0) { $0 + $1.rows }
        let scalars = [Double](unsafeUninitializedCount: rows * columns) { output in
            var next = output
            for part in parts {
                part.scalars.withUnsafeBufferPointer { input in
                    guard let input = input.baseAddress else { return }
                    next.initialize(from: input, count: part.scalars.count)
                }
                next += part.scalars.count
            }
        }
        return Matrix(rows: rows, columns: columns, scalars: scalars)
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
        let columns = parts.reduce(0) { $0 + $1.columns }
        let scalars = [Double](unsafeUninitializedCount: rows * columns) { output in
            var offset = 0
            for part in parts {
                part.scalars.withUnsafeBufferPointer { input in
                    guard let input = input.baseAddress else { return }
                    for i in 0..<rows {
                        let r = part.rows == 1 ? 0 : i
                        (output + i * columns + offset).initialize(from: input + r * part.columns, count: part.columns)
                    }
                }
                offset += part.columns
            }
        }
        return Matrix(rows: rows, columns: columns, scalars: scalars)
    }
}
