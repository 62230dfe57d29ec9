import AttentionTrace

/// Explains any cell of a trace's tensors from its ``Provenance``: the rule
/// with concrete indices, the recorded operand values substituted, and the result.
///
/// Nothing is recomputed: every number shown is a recorded value of the tensor
/// or of one of its operands, so a derivation always agrees with the tables.
/// Each ``Operation`` has one case in ``derivation(of:row:column:)``.
struct CellDeriver {
    private let tensors: [TensorID: TracedTensor]
    /// Every recorded tensor, in the order computed.
    private let ordered: [TracedTensor]

    /// Indexes every tensor the trace's steps recorded.
    ///
    /// - Complexity: O(number of tensors in the trace).
    init(trace: Trace) {
        var tensors: [TensorID: TracedTensor] = [:]
        for step in trace.steps {
            for tensor in step.tensors where tensors[tensor.id] == nil {
                tensors[tensor.id] = tensor
            }
        }
        self.tensors = tensors
        ordered = trace.steps.flatMap(\.tensors)
    }

    /// For each matrix of a result (one, or one per head of a 3-D result), the
    /// last recorded tensor with the same values, whose cells explain the result's.
    ///
    /// - Complexity: O(size of the trace) per matrix.
    func recordedSources(ofResult values: Tensor) -> [TracedTensor?] {
        let rows = values.rowCount, columns = values.columnCount
        let count = values.shape.count > 2 ? values.shape.dropLast(2).reduce(1, *) : 1
        return (0..<count).map { number in
            let slice = Array(values.scalars[(number * rows * columns)..<((number + 1) * rows * columns)])
            return ordered.last { $0.values.scalars == slice && $0.values.rowCount == rows && $0.values.columnCount == columns }
        }
    }

    /// The recorded tensor `id`, if any step recorded it.
    func tensor(_ id: TensorID) -> TracedTensor? {
        tensors[id]
    }

    /// The derivation of the cell in row `i`, column `j` of the tensor `id`
    /// (row 0 for a vector), or `nil` when no step recorded `id`.
    func derivation(of id: TensorID, row i: Int, column j: Int) -> CellDerivation? {
        tensors[id].map { derivation(of: $0, row: i, column: j) }
    }

    /// The derivation of the cell in row `i`, column `j` of `tensor` (row 0 for a vector).
    ///
    /// - Complexity: O(``DerivationFormatting/maximumTerms``) for sums, products and
    ///   maxima, whatever their length; O(1) otherwise.
    func derivation(of tensor: TracedTensor, row i: Int, column j: Int) -> CellDerivation {
        let out = Cell(tensor, i, j)
        let provenance = tensor.provenance
        let operands = provenance.operands.map { tensors[$0] }
        guard operands.allSatisfy({ $0 != nil }) else {
            let missing = zip(provenance.operands, operands).filter { $0.1 == nil }.map(\.0)
            return CellDerivation(lines: ["\(out.reference) = \(out.text)",
                                          "computed from \(missing.joined(separator: ", ")), which the trace does not record"])
        }
        let a = operands.compactMap { $0 }
        switch provenance.operation {
        case .given: return leaf(out, "given in the input spec")
        case .generated: return leaf(out, "generated: \(provenance.note ?? "drawn from the seed")")
        case .constant: return leaf(out, "a constant: \(provenance.note ?? "fixed")")
        case .embedding:
            return leaf(out, "from the embedding of “\(tensor.rowAxis.label(i))”, drawn from the seed and the token text")
        case .matmul: return product(out, a[0], a[1], transposed: false)
        case .matmulTransposed: return product(out, a[0], a[1], transposed: true)
        case .add: return sum(out, of: a)
        case .subtract: return difference(out, a[0], a[1])
        case .multiply: return elementwiseProduct(out, a[0], a[1])
        case .scale: return scaled(out, a[0], factor: provenance.factor ?? .nan, note: provenance.note)
        case .tanh: return function(out, "tanh", a[0])
        case .sigmoid: return function(out, "σ", a[0])
        case .exp: return function(out, "exp", a[0])
        case .rowMax: return rowMaximum(out, a[0])
        case .rowSum: return rowSum(out, a[0])
        case .normalize: return normalized(out, a[0], a[1])
        case .concatColumns: return concatenated(out, a)
        case .stackRows: return stacked(out, a)
        case .sliceColumns, .sliceRows:
            return slice(out, a[0], start: provenance.range?.first ?? 0, byRows: provenance.operation == .sliceRows)
        case .previousRow: return shifted(out, a[0], initial: a[1], forward: true)
        case .nextRow: return shifted(out, a[0], initial: a[1], forward: false)
        case .interpolate: return interpolated(out, z: a[0], a[1], a[2])
        case .mask: return masked(out, a[0], mask: a[1])
        case .window: return window(out, centre: a[0], halfWidth: provenance.factor ?? .nan)
        case .gaussian: return gaussian(out, centre: a[0], sigma: provenance.factor ?? .nan)
        case .causalMask: return causalMask(out)
        }
    }

    private func leaf(_ out: Cell, _ origin: String) -> CellDerivation {
        CellDerivation(lines: ["\(out.reference) = \(out.text)", origin])
    }
}

/// One cell of a traced tensor: where it is, how to name it and its value.
///
/// An operand with a single row (or column) is read at row (or column) 0 for
/// every row (or column) of the output: the broadcasting of ``Operation``.
struct Cell {
    let tensor: TracedTensor
    let row: Int
    let column: Int
    /// The tensor's name in derivations; see ``DerivationFormatting/name(of:)``.
    let name: String

    /// The cell at `(i, j)` of `tensor`, broadcasting a single row or column.
    ///
    /// - Parameter output: The cell being derived; an operand whose short name
    ///   equals the output's is called by its identifier instead (`S` from `t0.score.S`).
    init(_ tensor: TracedTensor, _ i: Int, _ j: Int, besides output: Cell? = nil) {
        self.tensor = tensor
        row = tensor.values.rowCount == 1 ? 0 : i
        column = tensor.values.columnCount == 1 ? 0 : j
        let name = DerivationFormatting.name(of: tensor)
        self.name = name == output?.name && tensor.id != output?.tensor.id ? tensor.id : name
    }

    /// The recorded value.
    var value: Double { tensor.values[row, column] }
    /// The value as a derivation writes it.
    var text: String { DerivationFormatting.number(value) }
    /// The value as a factor of a product, parenthesised when negative.
    var factor: String { DerivationFormatting.factor(value) }
    /// `u[3,1]` or, for a vector, `v_a[1]`.
    var reference: String { reference(row: String(row), column: String(column)) }

    /// A reference with symbolic indices, such as `u[3,k]`; a vector ignores `row`.
    func reference(row: String, column: String) -> String {
        tensor.values.shape.count == 1 ? "\(name)[\(column)]" : "\(name)[\(row),\(column)]"
    }

    /// The label of the cell's row (a token) in its tensor, if the axis has labels.
    var rowLabel: String? { tensor.axes.count >= 2 ? tensor.rowAxis.labels?[row] : nil }
    /// The label of the cell's column (a token) in its tensor, if the axis has labels.
    var columnLabel: String? { tensor.columnAxis.labels?[column] }
}
