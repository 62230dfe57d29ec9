import AttentionEngine
import AttentionMath
import AttentionModels

extension ModelParameters {
    /// Freshly initialised parameters: every matrix Glorot-uniform from its own stream of `seed`
    /// (named after the parameter, as the engine draws its seeded parameters), biases zero.
    ///
    /// Embeddings, `v_a` and the weights are drawn alike: `U[−b, b)`, `b = √(6 / (rows + columns))`
    /// (for `v_a`, `rows = 1`).
    public init(initialisedFor configuration: ModelConfiguration, sourceWords: Int, targetWords: Int, seed: UInt64) {
        self.init(zerosFor: configuration, sourceWords: sourceWords, targetWords: targetWords)
        let generator = ParameterGenerator(seed: seed)
        for field in fields where !field.isBias {
            let shape = self[keyPath: field.path]
            self[keyPath: field.path] = generator.glorotUniform(named: field.name, rows: shape.rows, columns: shape.columns)
        }
    }

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
