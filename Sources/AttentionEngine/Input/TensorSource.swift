import AttentionMath
import AttentionModels
import AttentionTrace

/// Supplies a mechanism's input tensors: the spec's where it gives them, else the
/// parameters' source: a trained model's, or generated from the seed.
///
/// Every tensor is checked against the shape the mechanism expects, so a wrong
/// shape is reported by name, with the expected and the found shape, before
/// anything is computed.
struct TensorSource {
    /// The tensors the spec gives, by canonical name.
    let given: [String: Tensor]
    /// Where given tensors came from, when not from a written spec (``InputSpec/notes``).
    var notes: [String: String] = [:]
    /// Draws what the spec leaves out when no model supplies it, and what only seeded parameters have.
    let generator: ParameterGenerator
    /// The model whose parameters the trace reads, if one is in force.
    var model: ModelCheckpoint?

    /// Where the parameters the spec leaves out come from.
    var parameters: ParameterSource {
        model.map(ParameterSource.model) ?? .seeded(generator)
    }

    /// The given tensor `name` viewed as a matrix (a vector is one row), if any.
    ///
    /// - Throws: ``TraceError/notAMatrix(tensor:shape:)`` for a tensor of three or more dimensions.
    func givenMatrix(_ name: String) throws(TraceError) -> Matrix? {
        guard let tensor = given[name] else { return nil }
        guard tensor.shape.count <= 2 else { throw TraceError.notAMatrix(tensor: name, shape: tensor.shape) }
        return Matrix(rows: tensor.rowCount, columns: tensor.columnCount, scalars: tensor.scalars)
    }

    /// Whether the spec gives `name`.
    func gives(_ name: String) -> Bool {
        given[name] != nil
    }

    /// The tensor `name` with shape `rows x columns`: given, else from ``parameters``.
    ///
    /// - Parameter reason: Where the expected shape comes from, for the error message.
    /// - Throws: ``TraceError/shapeMismatch(tensor:expected:found:because:)``.
    func matrix(_ name: String, rows: Int, columns: Int, because reason: String) throws(TraceError) -> (Matrix, Provenance) {
        guard let tensor = given[name] else {
            return parameters.matrix(named: name, rows: rows, columns: columns)
        }
        guard tensor.shape == [rows, columns] || (rows == 1 && tensor.shape == [columns]) else {
            throw TraceError.shapeMismatch(tensor: name, expected: [rows, columns], found: tensor.shape, because: reason)
        }
        return (Matrix(rows: rows, columns: columns, scalars: tensor.scalars), provenance(ofGiven: name))
    }

    /// How the given tensor `name` was obtained: its note (a checkpoint's tensor), or the input spec.
    func provenance(ofGiven name: String) -> Provenance {
        Provenance(.given, note: notes[name] ?? Provenance.givenInSpec)
    }

    /// The vector `name` of length `count`, as one row: given, else from ``parameters``.
    ///
    /// - Throws: ``TraceError/shapeMismatch(tensor:expected:found:because:)``.
    func vector(_ name: String, count: Int, because reason: String) throws(TraceError) -> (Matrix, Provenance) {
        if let tensor = given[name], tensor.shape != [count], tensor.shape != [1, count] {
            throw TraceError.shapeMismatch(tensor: name, expected: [count], found: tensor.shape, because: reason)
        }
        return try matrix(name, rows: 1, columns: count, because: reason)
    }
}
