/// A dense, row-major matrix of `Double` values.
///
/// `Matrix` is the only numeric container in attention-trace: vectors are
/// matrices with one row, and everything above this module manipulates values
/// through the operations declared here (products, element-wise functions,
/// reductions, softmax, concatenation and slicing), never through raw buffers.
public struct Matrix: Hashable, Sendable {
    /// The number of rows.
    public let rows: Int
    /// The number of columns.
    public let columns: Int
    /// The entries in row-major order: entry `(i, j)` is `scalars[i * columns + j]`.
    public private(set) var scalars: [Double]

    /// Creates a matrix from row-major scalars.
    ///
    /// - Precondition: `scalars.count == rows * columns`.
    public init(rows: Int, columns: Int, scalars: [Double]) {
        precondition(rows >= 0 && columns >= 0 && scalars.count == rows * columns,
                     "Matrix(\(rows)x\(columns)) needs \(rows * columns) scalars, got \(scalars.count)")
        self.rows = rows
        self.columns = columns
        self.scalars = scalars
    }

    /// Creates a matrix with every entry equal to `value`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        self.init(rows: rows, columns: columns, scalars: Array(repeating: value, count: rows * columns))
    }

    /// Creates a one-row matrix holding `vector`.
    public init(row vector: [Double]) {
        self.init(rows: 1, columns: vector.count, scalars: vector)
    }

    /// Creates a matrix from rows of equal length.
    ///
    /// - Precondition: every row has the same length (validate user input before calling).
    public init(rowArrays: [[Double]]) {
        let columns = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == columns }, "ragged rows")
        self.init(rows: rowArrays.count, columns: columns, scalars: rowArrays.flatMap { $0 })
    }

    /// Creates a matrix whose entry `(i, j)` is `entry(i, j)`.
    public init(rows: Int, columns: Int, entry: (Int, Int) -> Double) {
        var scalars: [Double] = []
        scalars.reserveCapacity(rows * columns)
        for i in 0..<rows {
            for j in 0..<columns { scalars.append(entry(i, j)) }
        }
        self.init(rows: rows, columns: columns, scalars: scalars)
    }

    /// The `n x n` identity matrix.
    public static func identity(_ n: Int) -> Matrix {
        Matrix(rows: n, columns: n) { i, j in i == j ? 1 : 0 }
    }

    /// The entry in row `i`, column `j`.
    public subscript(i: Int, j: Int) -> Double {
        get { scalars[i * columns + j] }
        set { scalars[i * columns + j] = newValue }
    }

    /// The shape as `[rows, columns]`.
    public var shape: [Int] { [rows, columns] }

    /// The rows as nested arrays, for display and serialisation.
    public var rowArrays: [[Double]] {
        (0..<rows).map { Array(scalars[($0 * columns)..<(($0 + 1) * columns)]) }
    }

    /// Whether every entry is finite (neither NaN nor infinite).
    public var isFinite: Bool { scalars.allSatisfy(\.isFinite) }
}
