import AttentionMath
import AttentionTrace

extension Tensor {
    /// A two-dimensional tensor holding a matrix's entries.
    ///
    /// The scalars are shared with the matrix (copy-on-write), so recording a
    /// large intermediate costs no copy.
    init(_ matrix: Matrix) {
        self.init(shape: matrix.shape, scalars: matrix.scalars)
    }
}
