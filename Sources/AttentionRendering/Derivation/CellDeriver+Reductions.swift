import AttentionTrace

/// Products and row reductions: each writes out its terms, eliding long ones.
extension CellDeriver {
    /// `out[i,j] = Σ_k A[i,k] · B[k,j]`, or `B[j,k]` when `transposed`.
    func product(_ out: Cell, _ a: TracedTensor, _ b: TracedTensor, transposed: Bool) -> CellDerivation {
        let (i, j) = (out.row, out.column)
        let left = Cell(a, i, 0, besides: out)
        let right = transposed ? Cell(b, j, 0, besides: out) : Cell(b, 0, j, besides: out)
        let count = a.values.columnCount
        let rule = "\(out.reference) = Σ_k \(left.reference(row: String(i), column: "k")) · "
            + (transposed ? right.reference(row: String(j), column: "k") : right.reference(row: "k", column: String(j)))
        let terms = DerivationFormatting.joined(count: count, separator: " + ") { k in
            Cell(a, i, k).factor + "·" + (transposed ? Cell(b, j, k) : Cell(b, k, j)).factor
        }
        return CellDerivation(lines: [rule, "= " + terms, "= " + out.text])
    }

    /// `out[i,0] = max_k A[i,k]`, naming the column that holds the maximum.
    func rowMaximum(_ out: Cell, _ a: TracedTensor) -> CellDerivation {
        let operand = Cell(a, out.row, 0, besides: out)
        let count = a.values.columnCount
        let values = DerivationFormatting.joined(count: count, separator: ", ") { Cell(a, out.row, $0).text }
        var lines = ["\(out.reference) = max_k \(operand.reference(row: String(out.row), column: "k"))",
                     "= max(\(values))", "= " + out.text]
        if let k = (0..<count).first(where: { Cell(a, out.row, $0).value == out.value }), out.value != -.infinity {
            let label = Cell(a, out.row, k).columnLabel.map { " (“\($0)”)" } ?? ""
            lines[2] += ", at k = \(k)\(label)"
        }
        return CellDerivation(lines: lines)
    }

    /// `out[i,0] = Σ_k A[i,k]`.
    func rowSum(_ out: Cell, _ a: TracedTensor) -> CellDerivation {
        let operand = Cell(a, out.row, 0, besides: out)
        let terms = DerivationFormatting.joined(count: a.values.columnCount, separator: " + ") {
            Cell(a, out.row, $0).text
        }
        return CellDerivation(lines: ["\(out.reference) = Σ_k \(operand.reference(row: String(out.row), column: "k"))",
                                      "= " + terms, "= " + out.text])
    }
}
