import AttentionTrace

/// Masks and local windows: each says why a position is kept or masked.
extension DerivationFormatter {
    /// `out[i,j] = A[i,j]` where `M[i,j] = 1`, else −∞, followed by why `M[i,j]` is what it is.
    func masked(_ out: Cell, _ a: RuleTensor, mask: RuleTensor) -> CellDerivation {
        let (x, m) = (cell(a, out.row, out.column), cell(mask, out.row, out.column))
        var lines = m.text == DerivationFormatting.zero
            ? ["\(out.reference) = −∞ (masked), because \(m.reference) = 0; the softmax will give it weight 0"]
            : ["\(out.reference) = \(x.reference), kept because \(m.reference) = 1", "= " + out.text]
        lines += rule(mask.id).map { derivation(of: $0, at: [m.row, m.column]).lines } ?? []
        return CellDerivation(lines: lines)
    }

    /// `out[i,j] = 1` if `|j − P[i,0]| ≤ D`, else 0.
    ///
    /// - Parameters:
    ///   - labels: The output's column labels, which name the position.
    ///   - distance: `|j − P[i,0]|` and whether it is at most D, from the rule.
    func window(_ out: Cell, centre: RuleTensor, halfWidth d: String, labels: [String]?,
                distance: WindowDistance?) -> CellDerivation {
        let p = cell(centre, out.row, 0)
        let position = labels.map { "position \(out.column) (“\($0[out.column])”)" } ?? "position \(out.column)"
        let verdict = distance?.isInside == true
            ? "≤ D = \(d), so \(position) is inside the window"
            : "> D = \(d), so \(position) is outside the window and masked"
        return CellDerivation(lines: [
            "\(out.reference) = 1 if |j − \(p.reference)| ≤ D, else 0",
            "|\(out.column) − \(p.factor)| = \(distance?.text ?? "?") \(verdict)",
            "= " + out.text,
        ])
    }

    /// `out[i,j] = exp(−(j − P[i,0])² / (2σ²))`.
    func gaussian(_ out: Cell, centre: RuleTensor, sigma s: String) -> CellDerivation {
        let p = cell(centre, out.row, 0)
        return CellDerivation(lines: [
            "\(out.reference) = exp(−(j − \(p.reference))² / (2σ²)), σ = D/2 = \(s)",
            "= exp(−(\(out.column) − \(p.factor))² / (2 · \(s)²))", "= " + out.text,
        ])
    }

    /// `out[i,j] = 1` if `j ≤ i`, else 0, naming the positions by their labels where they have them.
    func causalMask(_ out: Cell, rowLabel: String?, columnLabel: String?) -> CellDerivation {
        let (i, j) = (out.row, out.column)
        func position(_ k: Int, _ label: String?) -> String { label.map { "\(k) (“\($0)”)" } ?? String(k) }
        let reason = j <= i
            ? "because j = \(j) ≤ i = \(i): position \(position(i, rowLabel)) may attend to itself and to earlier positions"
            : "because j = \(j) > i = \(i): position \(position(j, columnLabel)) comes after position \(position(i, rowLabel)), so it is in the future and masked"
        return CellDerivation(lines: ["\(out.reference) = \(out.text), \(reason)"])
    }
}
