import CBLAS

extension Matrix {
    /// Products with at most this many multiply-adds are computed by a plain
    /// loop in a fixed order instead of calling BLAS.
    ///
    /// For lesson-sized matrices the loop is faster than the call overhead, and
    /// its fixed summation order makes the result bit-identical on every CPU;
    /// optimised BLAS kernels pick their blocking and FMA use per CPU model.
    public static let fixedOrderProductLimit = 1 << 16

    /// The matrix product `self · other`.
    ///
    /// - Precondition: `columns == other.rows`.
    /// - Complexity: O(rows · columns · other.columns), through `cblas_dgemm` for large products.
    public func multiplied(by other: Matrix) -> Matrix {
        precondition(columns == other.rows, "cannot multiply \(shape) by \(other.shape)")
        return Matrix.product(self, other, transposingRight: false)
    }

    /// The product `self · otherᵀ`, without materialising the transpose.
    ///
    /// Attention scores `Q Kᵀ` are computed this way.
    ///
    /// - Precondition: `columns == other.columns`.
    public func multiplied(byTransposeOf other: Matrix) -> Matrix {
        precondition(columns == other.columns, "cannot multiply \(shape) by the transpose of \(other.shape)")
        return Matrix.product(self, other, transposingRight: true)
    }

    /// The BLAS library's build configuration and the kernels it runs, for benchmark reports
    /// (OpenBLAS's `openblas_get_config` and `openblas_get_corename`; see ``BLASKernels``).
    public static var blasConfiguration: String {
        String(cString: openblas_get_config()) + ", kernels " + String(cString: openblas_get_corename())
    }

    /// `a · b` with every entry summed over k in order, `((a₀b₀ + a₁b₁) + a₂b₂) + …`, whatever the CPU.
    ///
    /// Row i of the product accumulates `a[i,p] · b[p,:]` for p = 0, 1, …: each entry still adds its
    /// terms in the order of p, as a dot product would, but the inner loop runs along a row of `b`
    /// and of the result, which the compiler vectorises.
    private static func fixedOrderProduct(_ a: Matrix, _ b: Matrix) -> [Double] {
        let m = a.rows, k = a.columns, n = b.columns
        return [Double](unsafeUninitializedCount: m * n) { c in
            c.initialize(repeating: 0, count: m * n)
            a.scalars.withUnsafeBufferPointer { pa in
                b.scalars.withUnsafeBufferPointer { pb in
                    guard let left = pa.baseAddress, let right = pb.baseAddress else { return }
                    for i in 0..<m {
                        let row = c + i * n
                        for p in 0..<k {
                            let x = left[i * k + p], terms = right + p * n
                            for j in 0..<n { row[j] += x * terms[j] }
                        }
                    }
                }
            }
        }
    }

    private static func product(_ a: Matrix, _ b: Matrix, transposingRight: Bool) -> Matrix {
        let m = a.rows, k = a.columns, n = transposingRight ? b.rows : b.columns
        if m == 0 || n == 0 || k == 0 {
            return Matrix(rows: m, columns: n)
        }
        if m * n * k <= fixedOrderProductLimit {
            return Matrix(rows: m, columns: n, scalars: fixedOrderProduct(a, transposingRight ? b.transposed : b))
        }
        // With beta = 0, BLAS writes C without reading it, so C needs no zero fill first.
        let c = [Double](unsafeUninitializedCount: m * n) { pc in
            a.scalars.withUnsafeBufferPointer { pa in
                b.scalars.withUnsafeBufferPointer { pb in
                    cblas_dgemm(CblasRowMajor, CblasNoTrans, transposingRight ? CblasTrans : CblasNoTrans,
                                Int32(m), Int32(n), Int32(k), 1.0,
                                pa.baseAddress, Int32(k), pb.baseAddress, Int32(b.columns), 0.0,
                                pc, Int32(n))
                }
            }
        }
        return Matrix(rows: m, columns: n, scalars: c)
    }
}
