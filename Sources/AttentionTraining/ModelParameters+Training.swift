import AttentionEngine
import AttentionMath
import AttentionModels

extension ModelParameters {
    /// The parameters with every matrix zero, shaped like these.
    var zeros: ModelParameters {
        var result = self
        for field in fields {
            let shape = self[keyPath: field.path]
            result[keyPath: field.path] = Matrix(rows: shape.rows, columns: shape.columns)
        }
        return result
    }

    /// The sum of the squares of every entry: `‖θ‖²`.
    var squaredNorm: Double {
        fields.reduce(0) { total, field in total + self[keyPath: field.path].scalars.reduce(0) { $0 + $1 * $1 } }
    }
}
