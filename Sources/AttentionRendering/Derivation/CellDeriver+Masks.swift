import AttentionTrace

/// Masks and local windows: each says why a position is kept or masked.
extension CellDeriver {
    /// `out[i,j] = A[i,j]` where `M[i,j] = 1`, else −∞, followed by why `M[i,j]` is what it is.
    func masked(_ out: Cell, _ a: TracedTensor, mask: TracedTensor) -> CellDerivation {
        let (x, m) = (Cell(a, out.row, out.column, besides: out), Cell(mask, out.row, out.column, besides: out))
        var lines = m.value == 0
            ? ["\(out.reference) = −∞ (masked), because \(m.reference) = 0; the softmax will give it weight 0"]
            : ["\(out.reference) = \(x.reference), kept because \(m.reference) = 1", "= " + out.text]
        lines += derivation(of: mask, row: m.row, column: m.column).lines
        return CellDerivation(lines: lines)
    }

    /// `out[i,j] = 1` if `|j − P[i,0]| ≤ D`, else 0.
    func window(_ out: Cell, centre: TracedTensor, halfWidth: Double) -> CellDerivation {
        let p = Cell(centre, out.row, 0, besides: out)
        let distance = abs(Double(out.column) - p.value)
        let d = DerivationFormatting.number(halfWidth)
        let position = out.columnLabel.map { "position \(out.column) (“\($0)”)" } ?? "position \(out.column)"
        let verdict = distance <= halfWidth
            ? "≤ D = \(d), so \(position) is inside the window"
            : "> D = \(d), so \(position) is outside the window and masked"
        return CellDerivation(lines: [
            "\(out.reference) = 1 if |j − \(p.reference)| ≤ D, else 0",
            "|\(out.column) − \(p.factor)| = \(DerivationFormatting.number(distance)) \(verdict)",
            "= " + out.text,
        ])
    }

    /// `out[i,j] = exp(−(j − P[i,0])² / (2σ²))`.
    func gaussian(_ out: Cell, centre: TracedTensor, sigma: Double) -> CellDerivation {
        let p = Cell(centre, out.row, 0, besides: out)
        let s = DerivationFormatting.number(sigma)
        return CellDerivation(lines: [
            "\(out.reference) = exp(−(j − \(p.reference))² / (2σ²)), σ = D/2 = \(s)",
            "= exp(−(\(out.column) − \(p.factor))² / (2 · \(s)²))", "= " + out.text,
        ])
    }

    /// `out[i,j] = 1` if `j ≤ i`, else 0.
    func causalMask(_ out: Cell) -> CellDerivation {
        let (i, j) = (out.row, out.column)
        func position(_ k: Int, _ label: String?) -> String { label.map { "\(k) (“\($0)”)" } ?? String(k) }
        let reason = j <= i
            ? "because j = \(j) ≤ i = \(i): position \(position(i, out.rowLabel)) may attend to itself and to earlier positions"
            : "because j = \(j) > i = \(i): position \(position(j, out.columnLabel)) comes after position \(position(i, out.rowLabel)), so it is in the future and masked"
        return CellDerivation(lines: ["\(out.reference) = \(out.text), \(reason)"])
    }
}
