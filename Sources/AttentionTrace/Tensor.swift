/// An n-dimensional array of numbers with a shape: the values of one tensor in a trace.
///
/// `Tensor` is plain data. In JSON it is written as nested arrays (one level per
/// dimension, row-major), exactly like the tensors of an input spec, so that a
/// trace's `inputs` can be fed back as a spec. Negative infinity, which marks a
/// masked attention score, is written as `null`; other non-finite values never
/// reach a trace.
public struct Tensor: Hashable, Sendable {
    /// The size of each dimension, outermost first.
    public var shape: [Int]
    /// The entries in row-major order.
    public var scalars: [Double]

    /// Creates a tensor from row-major scalars.
    ///
    /// - Precondition: `scalars.count` is the product of `shape`.
    public init(shape: [Int], scalars: [Double]) {
        precondition(shape.reduce(1, *) == scalars.count, "shape \(shape) does not hold \(scalars.count) scalars")
        self.shape = shape
        self.scalars = scalars
    }

    /// Creates a matrix-shaped tensor from rows of equal length.
    public init(rows: [[Double]]) {
        self.init(shape: [rows.count, rows.first?.count ?? 0], scalars: rows.flatMap { $0 })
    }

    /// Creates a one-dimensional tensor.
    public init(vector: [Double]) {
        self.init(shape: [vector.count], scalars: vector)
    }

    /// The number of rows when the tensor is viewed as a matrix (1 for a vector).
    public var rowCount: Int { shape.count >= 2 ? shape[shape.count - 2] : 1 }
    /// The number of columns when the tensor is viewed as a matrix.
    public var columnCount: Int { shape.last ?? 1 }

    /// The entry at `index`, one coordinate per dimension.
    public subscript(index: [Int]) -> Double {
        scalars[zip(index, shape).reduce(0) { $0 * $1.1 + $1.0 }]
    }

    /// The entry in row `i`, column `j` of a vector or matrix.
    ///
    /// A vector is read as a single row.
    public subscript(i: Int, j: Int) -> Double {
        scalars[i * columnCount + j]
    }
}
