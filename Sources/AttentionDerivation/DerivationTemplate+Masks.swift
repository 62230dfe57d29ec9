import AttentionTrace

/// Masks and local windows: each says why a position is kept or masked.
extension TemplateWriter {
    /// `out[i,j] = A[i,j]` where `M[i,j] = 1`, else −∞, followed by why `M[i,j]` is what it is.
    mutating func masked(_ out: TemplateCell, _ a: TemplateOperand, mask: TemplateOperand) {
        let (x, m) = (a.cell(out.row, out.column), mask.cell(out.row, out.column))
        line("\(out.reference) = −∞ (masked), because \(m.reference) = 0; the softmax will give it weight 0",
             when: TemplateCondition(m.value, .equal, .zero))
        line("\(out.reference) = \(x.reference), kept because \(m.reference) = 1", when: TemplateCondition(m.value, .notEqual, .zero))
        line("= \(out.value)", when: TemplateCondition(m.value, .notEqual, .zero))
        derivation(of: m)
    }

    /// `out[i,j] = 1` if `|j − P[i,0]| ≤ D`, else 0.
    ///
    /// - Parameters:
    ///   - labels: The output's column labels, which name the position.
    ///   - distances: Per cell, `|j − P[i,0]|` and whether it is at most D, from the rule.
    mutating func window(_ out: TemplateCell, centre: TemplateOperand, halfWidth d: String, labels: [String]?,
                         distances: [WindowDistance]?) {
        let p = centre.cell(out.row, 0)
        let position: TemplateText = labels.map { "position \(out.column) (“\(TemplateText.fact(fact($0), at: .column))”)" }
            ?? "position \(out.column)"
        line("\(out.reference) = 1 if |j − \(p.reference)| ≤ D, else 0")
        let outside: TemplateText = "> D = \(d), so \(position) is outside the window and masked"
        if let distances {
            let cell = out.operand.columns * TemplateIndex.row + TemplateIndex.column
            let distance = TemplateText.fact(fact(distances.map(\.text)), at: cell)
            let inside = TemplateText.fact(fact(distances.map { $0.isInside ? "1" : "0" }), at: cell)
            line("|\(out.column) − \(p.factor)| = \(distance) ≤ D = \(d), so \(position) is inside the window",
                 when: TemplateCondition(inside, .equal, "1"))
            line("|\(out.column) − \(p.factor)| = \(distance) \(outside)", when: TemplateCondition(inside, .equal, "0"))
        } else {
            line("|\(out.column) − \(p.factor)| = ? \(outside)")
        }
        line("= \(out.value)")
    }

    /// `out[i,j] = exp(−(j − P[i,0])² / (2σ²))`.
    mutating func gaussian(_ out: TemplateCell, centre: TemplateOperand, sigma s: String) {
        let p = centre.cell(out.row, 0)
        line("\(out.reference) = exp(−(j − \(p.reference))² / (2σ²)), σ = D/2 = \(s)")
        line("= exp(−(\(out.column) − \(p.factor))² / (2 · \(s)²))")
        line("= \(out.value)")
    }

    /// `out[i,j] = 1` if `j ≤ i`, else 0, naming the positions by their labels where they have them.
    ///
    /// - Parameter keyOffset: The key position of column 0, for a block of keys (`o + j ≤ i`).
    mutating func causalMask(_ out: TemplateCell, rowLabels: [String]?, columnLabels: [String]?, keyOffset o: Int = 0) {
        let (i, j) = (out.row, out.column)
        let key = j + TemplateIndex(constant: o)
        let rowFact = rowLabels.map { fact($0) }, columnFact = columnLabels.map { fact($0) }
        func position(_ k: TemplateIndex, label index: TemplateIndex, _ labels: Int?) -> TemplateText {
            labels.map { "\(k) (“\(TemplateText.fact($0, at: index))”)" } ?? k.text
        }
        let keyText: TemplateText = o == 0 ? "j = \(j)" : "j + \(o) = \(key)"
        line("\(out.reference) = \(out.value), because \(keyText) ≤ i = \(i): position \(position(i, label: i, rowFact)) "
             + "may attend to itself and to earlier positions", when: TemplateCondition(key, .lessOrEqual, i))
        line("\(out.reference) = \(out.value), because \(keyText) > i = \(i): position \(position(key, label: j, columnFact)) comes after "
             + "position \(position(i, label: i, rowFact)), so it is in the future and masked", when: TemplateCondition(i, .less, key))
    }
}
