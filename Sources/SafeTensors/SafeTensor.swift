/// One tensor's shape and values, as a checkpoint holds it.
///
/// Values are in row-major (C) order, so entry `[i, j]` of a matrix of shape `[r, c]` is
/// `values[i * c + j]`, which is the order PyTorch and NumPy use.
public struct SafeTensor: Equatable, Sendable {
    /// The size of each axis; `[]` for a scalar.
    public var shape: [Int]
    /// The entries in row-major order.
    public var values: [Double]

    /// Creates a tensor from its shape and row-major values.
    public init(shape: [Int], values: [Double]) {
        self.shape = shape
        self.values = values
    }

    /// The number of entries the shape holds: the product of its sizes (1 for a scalar).
    public var elementCount: Int { shape.reduce(1, *) }
}
