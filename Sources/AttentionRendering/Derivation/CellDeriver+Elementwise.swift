import AttentionTrace
import Foundation

/// Entry-by-entry operations: each reads one cell of each operand.
extension CellDeriver {
    /// `out[i,j] = Σ_n X_n[i,j]`.
    func sum(_ out: Cell, of operands: [TracedTensor]) -> CellDerivation {
        let cells = operands.map { Cell($0, out.row, out.column, besides: out) }
        return CellDerivation(lines: ["\(out.reference) = " + cells.map(\.reference).joined(separator: " + "),
                                      "= " + cells.map(\.text).joined(separator: " + "), "= " + out.text])
    }

    /// `out[i,j] = A[i,j] − B[i,j]`.
    func difference(_ out: Cell, _ a: TracedTensor, _ b: TracedTensor) -> CellDerivation {
        let (x, y) = (Cell(a, out.row, out.column, besides: out), Cell(b, out.row, out.column, besides: out))
        let result = out.value == -.infinity ? "= −∞: a masked entry stays masked" : "= " + out.text
        return CellDerivation(lines: ["\(out.reference) = \(x.reference) − \(y.reference)",
                                      "= \(x.text) − \(y.factor)", result])
    }

    /// `out[i,j] = A[i,j] · B[i,j]`.
    func elementwiseProduct(_ out: Cell, _ a: TracedTensor, _ b: TracedTensor) -> CellDerivation {
        let (x, y) = (Cell(a, out.row, out.column, besides: out), Cell(b, out.row, out.column, besides: out))
        return CellDerivation(lines: ["\(out.reference) = \(x.reference) · \(y.reference)",
                                      "= \(x.factor) · \(y.factor)", "= " + out.text])
    }

    /// `out[i,j] = factor · A[i,j]`, with the note that says what the factor is.
    func scaled(_ out: Cell, _ a: TracedTensor, factor: Double, note: String?) -> CellDerivation {
        let x = Cell(a, out.row, out.column, besides: out)
        let constant = DerivationFormatting.number(factor)
        return CellDerivation(lines: ["\(out.reference) = \(constant) · \(x.reference)" + (note.map { ", where \(constant) is \($0)" } ?? ""),
                                      "= \(constant) · \(x.factor)", "= " + out.text])
    }

    /// `out[i,j] = f(A[i,j])` for tanh, σ and exp; when the argument is itself a
    /// sum, difference or scaling, its expression is shown inside the call.
    func function(_ out: Cell, _ name: String, _ a: TracedTensor) -> CellDerivation {
        let x = Cell(a, out.row, out.column, besides: out)
        var lines = ["\(out.reference) = \(name)(\(x.reference))"]
        if let inner = expression(of: x) { lines.append("= \(name)(\(inner))") }
        lines.append("= \(name)(\(x.text))")
        if name == "σ", x.value.isFinite { lines.append("= 1 / (1 + exp(\(DerivationFormatting.number(-x.value))))") }
        lines.append("= " + out.text + (x.value == -.infinity && name == "exp" ? ": a masked score gets no weight" : ""))
        return CellDerivation(lines: lines)
    }

    /// `out[i,j] = E[i,j] / Z[i,0]`, or 0 for a fully masked row.
    func normalized(_ out: Cell, _ e: TracedTensor, _ z: TracedTensor) -> CellDerivation {
        let (x, total) = (Cell(e, out.row, out.column, besides: out), Cell(z, out.row, 0, besides: out))
        let rule = "\(out.reference) = \(x.reference) / \(total.reference)"
        guard total.value != 0 else {
            return CellDerivation(lines: [rule, "= 0, because \(total.reference) = 0: every score in this row is masked, so every weight is 0"])
        }
        return CellDerivation(lines: [rule, "= \(x.text) / \(total.text)", "= " + out.text])
    }

    /// `out[i,j] = (1 − Z[i,j]) · A[i,j] + Z[i,j] · B[i,j]`.
    func interpolated(_ out: Cell, z: TracedTensor, _ a: TracedTensor, _ b: TracedTensor) -> CellDerivation {
        let (gate, x, y) = (Cell(z, out.row, out.column, besides: out), Cell(a, out.row, out.column, besides: out),
                            Cell(b, out.row, out.column, besides: out))
        return CellDerivation(lines: [
            "\(out.reference) = (1 − \(gate.reference)) · \(x.reference) + \(gate.reference) · \(y.reference)",
            "= (1 − \(gate.text)) · \(x.factor) + \(gate.factor) · \(y.factor)", "= " + out.text,
        ])
    }

    /// The values of a sum, difference or scaling that produced `cell`, such as
    /// `0.4120 − 0.9770`; `nil` for other operations.
    private func expression(of cell: Cell) -> String? {
        let provenance = cell.tensor.provenance
        let operands = provenance.operands.compactMap { tensor($0) }
        guard operands.count == provenance.operands.count else { return nil }
        let values = operands.map { Cell($0, cell.row, cell.column) }
        switch provenance.operation {
        case .subtract where values.count == 2: return "\(values[0].text) − \(values[1].factor)"
        case .add where (2...3).contains(values.count): return values.map(\.text).joined(separator: " + ")
        case .scale where values.count == 1:
            return "\(DerivationFormatting.number(provenance.factor ?? .nan)) · \(values[0].factor)"
        default: return nil
        }
    }
}
