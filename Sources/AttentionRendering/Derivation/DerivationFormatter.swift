import AttentionTrace

/// Writes how one cell was computed, from its tensor's ``DerivationRule`` and the
/// recorded values: the rule with concrete indices, the operand values substituted,
/// and the cell's own value.
///
/// Nothing is recomputed: every number shown is a recorded value, written as its
/// table prints it, so a derivation always agrees with the tables. Decisions that
/// depend on values (a masked entry, an empty row) read the numbers as written;
/// those that need full precision (where a maximum is) come with the rule.
///
/// The page script (`pageScript`) is this type in JavaScript, over the rules and
/// values a page embeds; each ``Operation`` has one case in both, and the browser
/// checks compare their lines cell by cell.
struct DerivationFormatter {
    /// The rule of a tensor, for derivations that continue with an operand's own
    /// (a stacked row, a mask), or `nil` when it is unknown.
    let rule: (TensorID) -> DerivationRule?
    /// The recorded value in a row and column of a tensor viewed as a matrix, or
    /// `nil` when the trace keeps no values of that tensor.
    let value: (TensorID, _ row: Int, _ column: Int) -> Double?

    /// The derivation of the cell at `index` (one coordinate per dimension) of `rule`'s tensor.
    ///
    /// - Complexity: O(``DerivationFormatting/maximumTerms``) for sums, products and
    ///   maxima, whatever their length; O(1) otherwise.
    func derivation(of rule: DerivationRule, at index: [Int]) -> CellDerivation {
        let row = index.count >= 2 ? index[index.count - 2] : 0, column = index.last ?? 0
        switch rule.kind {
        case .result(let sources): return resultDerivation(of: rule.output, at: index, sources: sources)
        case .operation(let operation): return derivation(of: rule, operation, row: row, column: column)
        }
    }

    /// The cell at `(i, j)` of `tensor`, read as a reference to it: see ``RuleTensor/broadcast(_:_:)``.
    func cell(_ tensor: RuleTensor, _ i: Int, _ j: Int) -> Cell {
        let (row, column) = tensor.broadcast(i, j)
        let recorded = tensor.excerpt?.value(row: row, column: column, columnCount: tensor.columns)
            ?? value(tensor.id, row, column)
        return Cell(tensor: tensor, row: row, column: column, text: recorded.map(DerivationFormatting.number) ?? "?")
    }

    /// Whether the values of `tensor` are known, from the trace or an excerpt.
    private func hasValues(_ tensor: RuleTensor) -> Bool {
        tensor.excerpt != nil || value(tensor.id, 0, 0) != nil
    }

    private func derivation(of rule: DerivationRule, _ operation: Operation, row i: Int, column j: Int) -> CellDerivation {
        let out = cell(rule.output, i, j)
        guard rule.missing.isEmpty else {
            return CellDerivation(lines: ["\(out.reference) = \(out.text)",
                                          "computed from \(rule.missing.joined(separator: ", ")), which the trace does not record"])
        }
        let unrecorded = rule.operandsRead.filter { !hasValues($0) }.map(\.id)
        guard unrecorded.isEmpty else {
            return CellDerivation(lines: [
                "\(out.reference) = \(out.text)",
                "computed by \(operation.rawValue) from \(rule.operands.map(\.id).joined(separator: ", ")); "
                    + "the trace keeps no values of \(unrecorded.joined(separator: ", ")), so the terms cannot be shown",
            ])
        }
        let a = rule.operands
        switch operation {
        case .given: return leaf(out, rule.note ?? "given in the input spec")
        case .generated: return leaf(out, "generated: \(rule.note ?? "drawn from the seed")")
        case .constant: return leaf(out, "a constant: \(rule.note ?? "fixed")")
        case .embedding:
            return leaf(out, "from the embedding of “\(rule.rowLabels?[i] ?? String(i))”, drawn from the seed and the token text")
        case .matmul: return product(out, a[0], a[1], transposed: false)
        case .matmulTransposed: return product(out, a[0], a[1], transposed: true)
        case .add: return sum(out, of: a)
        case .subtract: return difference(out, a[0], a[1])
        case .multiply: return elementwiseProduct(out, a[0], a[1])
        case .scale: return scaled(out, a[0], factor: rule.constant ?? "?", note: rule.note)
        case .tanh: return function(out, "tanh", a[0], argument: rule.argument)
        case .sigmoid: return function(out, "σ", a[0], argument: rule.argument)
        case .exp: return function(out, "exp", a[0], argument: rule.argument)
        case .rowMax: return rowMaximum(out, a[0], at: rule.maxima?[i] ?? nil)
        case .rowSum: return rowSum(out, a[0])
        case .normalize: return normalized(out, a[0], a[1])
        case .concatColumns: return concatenated(out, a)
        case .stackRows: return stacked(out, a)
        case .sliceColumns, .sliceRows:
            return slice(out, a[0], start: rule.start ?? 0, byRows: operation == .sliceRows)
        case .previousRow: return shifted(out, a[0], initial: a[1], forward: true)
        case .nextRow: return shifted(out, a[0], initial: a[1], forward: false)
        case .interpolate: return interpolated(out, z: a[0], a[1], a[2])
        case .mask: return masked(out, a[0], mask: a[1])
        case .window:
            return window(out, centre: a[0], halfWidth: rule.constant ?? "?", labels: rule.columnLabels,
                          distance: rule.distances?[i * rule.output.columns + j])
        case .gaussian: return gaussian(out, centre: a[0], sigma: rule.constant ?? "?")
        case .causalMask: return causalMask(out, rowLabel: rule.rowLabels?[i], columnLabel: rule.columnLabels?[j])
        }
    }

    private func leaf(_ out: Cell, _ origin: String) -> CellDerivation {
        CellDerivation(lines: ["\(out.reference) = \(out.text)", origin])
    }
}

extension DerivationFormatter {
    /// Reads the rules and values of a trace.
    init(rules: DerivationRules) {
        self.init(rule: { id in rules.tensor(id).map { rules.rule(for: $0) } }, value: rules.value(of:row:column:))
    }
}

/// One cell a derivation refers to: where it is and its value as derivations write numbers.
struct Cell {
    let tensor: RuleTensor
    let row: Int
    let column: Int
    /// The recorded value as ``DerivationFormatting/number(_:)`` writes it, or `?` when unknown.
    let text: String

    /// The tensor's name in derivations.
    var name: String { tensor.name }
    /// The value as a factor of a product, parenthesised when negative.
    var factor: String { DerivationFormatting.factor(text) }
    /// `u[3,1]` or, for a vector, `v_a[1]`.
    var reference: String { tensor.reference(row: String(row), column: String(column)) }
}
