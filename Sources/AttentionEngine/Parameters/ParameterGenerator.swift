import AttentionMath
import AttentionTrace

/// Draws every parameter and embedding that a trace does not receive from its input.
///
/// Each tensor has its own ``SplitMix64`` stream named after it, so a tensor's
/// values depend only on the seed, its name and its shape: adding a parameter
/// never changes another one, and a token's embedding depends only on the seed
/// and the token text ("zoo" has the same vector in every sentence).
public struct ParameterGenerator: Sendable {
    /// The seed every stream derives from.
    public let seed: UInt64

    /// Creates a generator for `seed`.
    public init(seed: UInt64) {
        self.seed = seed
    }

    /// A weight matrix with Glorot/Xavier-uniform entries (Glorot and Bengio 2010).
    ///
    /// Entries are uniform in `[-b, b)` with `b = sqrt(6 / (fanIn + fanOut))`,
    /// which keeps the variance of activations roughly constant from layer to
    /// layer. For a matrix the fans are its row and column counts.
    ///
    /// - Parameters:
    ///   - name: The tensor's name, which selects its random stream.
    ///   - rows: The number of rows.
    ///   - columns: The number of columns.
    public func glorotUniform(named name: String, rows: Int, columns: Int) -> Matrix {
        var stream = SplitMix64(seed: seed, stream: name)
        let bound = (6.0 / Double(rows + columns)).squareRoot()
        return Matrix(rows: rows, columns: columns) { _, _ in stream.nextUniform(bound: bound) }
    }

    /// A Glorot-uniform matrix together with the provenance that says how it was drawn.
    func glorotParameter(named name: String, rows: Int, columns: Int) -> (Matrix, Provenance) {
        (glorotUniform(named: name, rows: rows, columns: columns),
         Provenance(.generated, note: "Glorot uniform on [−b, b), b = √(6 / (\(rows) + \(columns))), seed \(seed), stream '\(name)'"))
    }

    /// The embedding of a token: a row of `dimension` values uniform in
    /// `[-sqrt(3/d), sqrt(3/d))`, so each coordinate has variance `1/d` and the
    /// vector has expected squared length 1.
    ///
    /// The stream is named `embedding:` followed by the token's lower-cased text.
    public func embedding(of token: String, dimension: Int) -> Matrix {
        var stream = SplitMix64(seed: seed, stream: "embedding:" + token.lowercased())
        let bound = (3.0 / Double(dimension)).squareRoot()
        return Matrix(rows: 1, columns: dimension) { _, _ in stream.nextUniform(bound: bound) }
    }

    /// A description of ``embedding(of:dimension:)`` for a trace's provenance.
    public func embeddingNote(dimension: Int) -> String {
        "uniform on [−√(3/\(dimension)), √(3/\(dimension))) from the seed \(seed) and the token text"
    }
}
