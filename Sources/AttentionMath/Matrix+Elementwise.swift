import Foundation

/// An element-wise function of one real variable.
public enum ElementwiseFunction: String, Codable, Sendable, CaseIterable {
    /// The hyperbolic tangent.
    case tanh
    /// The logistic sigmoid, `1 / (1 + exp(-x))`.
    case sigmoid
    /// The exponential function.
    case exp
    /// The cosine (of an angle in radians), from the C library.
    case cos
    /// The sine (of an angle in radians), from the C library.
    case sin
    /// The natural logarithm, from the C library.
    case log
    /// The square root (of a variance plus ε, in a LayerNorm or RMSNorm).
    case sqrt
    /// The Gaussian error linear unit `½ x (1 + erf(x / √2))` (Hendrycks and Gimpel 2016; BERT's `gelu`,
    /// PyTorch's `nn.GELU()`).
    case gelu
    /// GELU's tanh approximation `½ x (1 + tanh(√(2/π) (x + 0.044715 x³)))` (GPT-2's `gelu_new`,
    /// PyTorch's `nn.GELU(approximate="tanh")`).
    case geluTanh = "gelu_tanh"
    /// The sigmoid linear unit `x σ(x)` (Llama's SwiGLU gate, PyTorch's `nn.SiLU()`).
    case silu

    /// Applies the function to one value.
    ///
    /// The sigmoid is evaluated as `exp(x) / (1 + exp(x))` for negative `x`
    /// so that neither branch overflows.
    public func callAsFunction(_ x: Double) -> Double {
        switch self {
        case .tanh: return Foundation.tanh(x)
        case .exp: return Foundation.exp(x)
        case .cos: return Foundation.cos(x)
        case .sin: return Foundation.sin(x)
        case .log: return Foundation.log(x)
        case .sqrt: return x.squareRoot()
        case .gelu: return 0.5 * x * (1 + erf(x / 2.0.squareRoot()))
        case .geluTanh: return 0.5 * x * (1 + Foundation.tanh((2 / Double.pi).squareRoot() * (x + 0.044715 * x * x * x)))
        case .silu: return x * Self.sigmoid(x)
        case .sigmoid: return Self.sigmoid(x)
        }
    }

    private static func sigmoid(_ x: Double) -> Double {
        if x >= 0 { return 1 / (1 + Foundation.exp(-x)) }
        let e = Foundation.exp(x)
        return e / (1 + e)
    }
}

/// A binary arithmetic operation applied entry by entry.
public enum ElementwiseOperation: String, Codable, Sendable, CaseIterable {
    case add, subtract, multiply, divide

    /// Applies the operation to two values.
    public func callAsFunction(_ a: Double, _ b: Double) -> Double {
        switch self {
        case .add: return a + b
        case .subtract: return a - b
        case .multiply: return a * b
        case .divide: return a / b
        }
    }
}

extension Matrix {
    /// The matrix with `function` applied to every entry.
    public func applying(_ function: ElementwiseFunction) -> Matrix {
        Matrix(rows: rows, columns: columns, scalars: scalars.map { function($0) })
    }

    /// Every entry multiplied by `factor`.
    ///
    /// - Complexity: O(rows · columns), eight entries at a time, on every core for large matrices.
    public func scaled(by factor: Double) -> Matrix {
        mapped { $0 * factor }
    }

    /// The matrix with `transform` applied to its entries eight at a time (a last, partial
    /// block padded with zeros), on every core for large matrices.
    @inline(__always)
    private func mapped(_ transform: (Lanes) -> Lanes) -> Matrix {
        let columns = columns
        let result = [Double](unsafeUninitializedCount: rows * columns) { output in
            scalars.withUnsafeBufferPointer { input in
                guard let input = input.baseAddress else { return }
                RowPartition.forEachChunk(rows: rows, columns: columns) { range in
                    let start = range.lowerBound * columns
                    forEachBlock(of: range.count * columns) { j, count in
                        (output + start + j).store(transform((input + start + j).lanes(count: count)), count: count)
                    }
                }
            }
        }
        return Matrix(rows: rows, columns: columns, scalars: result)
    }

    /// Whether `other` can be combined with this matrix entry by entry: the same
    /// shape, one row of matching width, one column of matching height, or 1 x 1.
    public func canBroadcast(_ other: Matrix) -> Bool {
        (other.rows == rows || other.rows == 1) && (other.columns == columns || other.columns == 1)
    }

    /// Combines this matrix with `other` entry by entry, broadcasting `other`
    /// when it has a single row or a single column.
    ///
    /// - Precondition: `canBroadcast(other)`.
    public func combined(with other: Matrix, _ operation: ElementwiseOperation) -> Matrix {
        precondition(canBroadcast(other), "cannot broadcast \(other.shape) to \(shape)")
        // One loop per operation, so that the inner loops are plain arithmetic the compiler vectorises.
        return switch operation {
        case .add: combined(with: other, +)
        case .subtract: combined(with: other, -)
        case .multiply: combined(with: other, *)
        case .divide: combined(with: other, /)
        }
    }

    /// `combine(self[i,j], other[i or 0, j or 0])` for every entry, row by row.
    @inline(__always)
    private func combined(with other: Matrix, _ combine: (Double, Double) -> Double) -> Matrix {
        let (m, n) = (rows, columns), rowStride = other.rows == 1 ? 0 : other.columns, columnStride = other.columns == 1 ? 0 : 1
        let result = [Double](unsafeUninitializedCount: m * n) { out in
            scalars.withUnsafeBufferPointer { left in
                other.scalars.withUnsafeBufferPointer { right in
                    guard let a = left.baseAddress, let b = right.baseAddress else { return }
                    for i in 0..<m {
                        let row = a + i * n, target = out + i * n, operand = b + i * rowStride
                        if columnStride == 1 {
                            for j in 0..<n { target[j] = combine(row[j], operand[j]) }
                        } else {
                            let value = operand[0]
                            for j in 0..<n { target[j] = combine(row[j], value) }
                        }
                    }
                }
            }
        }
        return Matrix(rows: m, columns: n, scalars: result)
    }

    /// The entry-wise sum of several matrices of the first one's shape (later ones may broadcast).
    public static func sum(_ terms: [Matrix]) -> Matrix {
        precondition(!terms.isEmpty, "sum of no matrices")
        return terms.dropFirst().reduce(terms[0]) { $0.combined(with: $1, .add) }
    }

    /// `(1 - weight) * self + weight * other`, entry by entry: the GRU's state update.
    public func interpolated(to other: Matrix, weight: Matrix) -> Matrix {
        precondition(shape == other.shape && shape == weight.shape, "interpolation needs equal shapes")
        return Matrix(rows: rows, columns: columns) { i, j in
            (1 - weight[i, j]) * self[i, j] + weight[i, j] * other[i, j]
        }
    }

    /// Replaces the entries where `keep` is false by negative infinity.
    ///
    /// Causal attention masks the scores of future positions this way before the softmax.
    public func masked(keeping keep: (Int, Int) -> Bool) -> Matrix {
        Matrix(rows: rows, columns: columns) { i, j in keep(i, j) ? self.scalars[i * self.columns + j] : -.infinity }
    }
}
