import AttentionTrace

/// Entry-by-entry operations: each reads one cell of each operand.
extension DerivationFormatter {
    /// `out[i,j] = Σ_n X_n[i,j]`.
    func sum(_ out: Cell, of operands: [RuleTensor]) -> CellDerivation {
        let cells = operands.map { cell($0, out.row, out.column) }
        return CellDerivation(lines: ["\(out.reference) = " + cells.map(\.reference).joined(separator: " + "),
                                      "= " + cells.map(\.text).joined(separator: " + "), "= " + out.text])
    }

    /// `out[i,j] = A[i,j] − B[i,j]`.
    func difference(_ out: Cell, _ a: RuleTensor, _ b: RuleTensor) -> CellDerivation {
        let (x, y) = (cell(a, out.row, out.column), cell(b, out.row, out.column))
        let result = out.text == DerivationFormatting.masked ? "= −∞: a masked entry stays masked" : "= " + out.text
        return CellDerivation(lines: ["\(out.reference) = \(x.reference) − \(y.reference)",
                                      "= \(x.text) − \(y.factor)", result])
    }

    /// `out[i,j] = A[i,j] · B[i,j]`.
    func elementwiseProduct(_ out: Cell, _ a: RuleTensor, _ b: RuleTensor) -> CellDerivation {
        let (x, y) = (cell(a, out.row, out.column), cell(b, out.row, out.column))
        return CellDerivation(lines: ["\(out.reference) = \(x.reference) · \(y.reference)",
                                      "= \(x.factor) · \(y.factor)", "= " + out.text])
    }

    /// `out[i,j] = factor · A[i,j]`, with the note that says what the factor is.
    func scaled(_ out: Cell, _ a: RuleTensor, factor constant: String, note: String?) -> CellDerivation {
        let x = cell(a, out.row, out.column)
        return CellDerivation(lines: ["\(out.reference) = \(constant) · \(x.reference)" + (note.map { ", where \(constant) is \($0)" } ?? ""),
                                      "= \(constant) · \(x.factor)", "= " + out.text])
    }

    /// `out[i,j] = f(A[i,j])` for tanh, σ and exp; when the argument is itself a
    /// sum, difference or scaling, its expression is shown inside the call.
    func function(_ out: Cell, _ name: String, _ a: RuleTensor, argument: ArgumentExpression?) -> CellDerivation {
        let x = cell(a, out.row, out.column)
        var lines = ["\(out.reference) = \(name)(\(x.reference))"]
        if let inner = argument.flatMap({ expression($0, at: x) }) { lines.append("= \(name)(\(inner))") }
        lines.append("= \(name)(\(x.text))")
        if name == "σ", DerivationFormatting.isFinite(x.text) {
            lines.append("= 1 / (1 + exp(\(DerivationFormatting.negated(x.text))))")
        }
        lines.append("= " + out.text + (x.text == DerivationFormatting.masked && name == "exp" ? ": a masked score gets no weight" : ""))
        return CellDerivation(lines: lines)
    }

    /// `out[i,j] = E[i,j] / Z[i,0]`, or 0 for a fully masked row.
    func normalized(_ out: Cell, _ e: RuleTensor, _ z: RuleTensor) -> CellDerivation {
        let (x, total) = (cell(e, out.row, out.column), cell(z, out.row, 0))
        let rule = "\(out.reference) = \(x.reference) / \(total.reference)"
        guard total.text != DerivationFormatting.zero else {
            return CellDerivation(lines: [rule, "= 0, because \(total.reference) = 0: every score in this row is masked, so every weight is 0"])
        }
        return CellDerivation(lines: [rule, "= \(x.text) / \(total.text)", "= " + out.text])
    }

    /// `out[i,j] = (1 − Z[i,j]) · A[i,j] + Z[i,j] · B[i,j]`.
    func interpolated(_ out: Cell, z: RuleTensor, _ a: RuleTensor, _ b: RuleTensor) -> CellDerivation {
        let (gate, x, y) = (cell(z, out.row, out.column), cell(a, out.row, out.column), cell(b, out.row, out.column))
        return CellDerivation(lines: [
            "\(out.reference) = (1 − \(gate.reference)) · \(x.reference) + \(gate.reference) · \(y.reference)",
            "= (1 − \(gate.text)) · \(x.factor) + \(gate.factor) · \(y.factor)", "= " + out.text,
        ])
    }

    /// The values of the sum, difference or scaling that produced the argument `cell`,
    /// such as `0.4120 − 0.9770`; `nil` when the trace keeps no values of one of its operands.
    private func expression(_ argument: ArgumentExpression, at argumentCell: Cell) -> String? {
        let values = argument.operands.map { cell($0, argumentCell.row, argumentCell.column) }
        guard !values.contains(where: { $0.text == "?" }) else { return nil }
        switch argument.operation {
        case .subtract: return "\(values[0].text) − \(values[1].factor)"
        case .scale: return "\(argument.constant ?? "?") · \(values[0].factor)"
        default: return values.map(\.text).joined(separator: " + ")
        }
    }
}
