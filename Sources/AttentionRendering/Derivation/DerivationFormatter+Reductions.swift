import AttentionTrace

/// Products and row reductions: each writes out its terms, eliding long ones.
extension DerivationFormatter {
    /// `out[i,j] = Σ_k A[i,k] · B[k,j]`, or `B[j,k]` when `transposed`.
    func product(_ out: Cell, _ a: RuleTensor, _ b: RuleTensor, transposed: Bool) -> CellDerivation {
        let (i, j) = (out.row, out.column)
        let rule = "\(out.reference) = Σ_k \(a.reference(row: String(i), column: "k")) · "
            + (transposed ? b.reference(row: String(j), column: "k") : b.reference(row: "k", column: String(j)))
        let terms = DerivationFormatting.joined(count: a.columns, separator: " + ") { k in
            cell(a, i, k).factor + "·" + (transposed ? cell(b, j, k) : cell(b, k, j)).factor
        }
        return CellDerivation(lines: [rule, "= " + terms, "= " + out.text])
    }

    /// `out[i,0] = max_k A[i,k]`, naming the column that holds the maximum.
    ///
    /// - Parameter maximum: Where the row's maximum is, from the rule; `nil` for a masked row.
    func rowMaximum(_ out: Cell, _ a: RuleTensor, at maximum: RowMaximum?) -> CellDerivation {
        let values = DerivationFormatting.joined(count: a.columns, separator: ", ") { cell(a, out.row, $0).text }
        var lines = ["\(out.reference) = max_k \(a.reference(row: String(out.row), column: "k"))",
                     "= max(\(values))", "= " + out.text]
        if let maximum {
            lines[2] += ", at k = \(maximum.column)" + (maximum.label.map { " (“\($0)”)" } ?? "")
        }
        return CellDerivation(lines: lines)
    }

    /// `out[i,0] = Σ_k A[i,k]`.
    func rowSum(_ out: Cell, _ a: RuleTensor) -> CellDerivation {
        let terms = DerivationFormatting.joined(count: a.columns, separator: " + ") { cell(a, out.row, $0).text }
        return CellDerivation(lines: ["\(out.reference) = Σ_k \(a.reference(row: String(out.row), column: "k"))",
                                      "= " + terms, "= " + out.text])
    }
}
