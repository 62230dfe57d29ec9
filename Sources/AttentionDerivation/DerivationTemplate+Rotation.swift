import AttentionTrace

/// Rotary position embeddings: each rotated entry is its own entry times the cosine of its pair's
/// angle, minus (first of the pair) or plus (second) its partner times the sine.
extension TemplateWriter {
    /// The rotate-half pairing: with h = r/2, column j < h pairs with j + h,
    /// `out[i,j] = X[i,j] C[i,j] − X[i,j+h] S[i,j]` and `out[i,j+h] = X[i,j+h] C[i,j] + X[i,j] S[i,j]`;
    /// columns from r on are copied.
    mutating func rotatedHalves(_ out: TemplateCell, _ x: TemplateOperand, cos: TemplateOperand, sin: TemplateOperand,
                                rotaryColumns r: Int) {
        let (i, j, half) = (out.row, out.column, TemplateIndex(constant: r / 2))
        let firstHalf = [TemplateCondition(j, .less, half)]
        let secondHalf = [TemplateCondition(half, .lessOrEqual, j), TemplateCondition(j, .less, TemplateIndex(constant: r))]
        rotation(out, own: x.cell(i, j), partner: x.cell(i, j + half), cos: cos.cell(i, j), sin: sin.cell(i, j),
                 isFirst: true, when: firstHalf)
        rotation(out, own: x.cell(i, j), partner: x.cell(i, j - half), cos: cos.cell(i, j - half), sin: sin.cell(i, j - half),
                 isFirst: false, when: secondHalf)
        unrotated(out, x, rotaryColumns: r)
    }

    /// The interleaved pairing: column 2k pairs with 2k + 1,
    /// `out[i,2k] = X[i,2k] C[i,k] − X[i,2k+1] S[i,k]` and `out[i,2k+1] = X[i,2k+1] C[i,k] + X[i,2k] S[i,k]`;
    /// columns from r on are copied. The pair k of a column is not a linear function of it, so each
    /// column gets its own lines.
    mutating func rotatedPairs(_ out: TemplateCell, _ x: TemplateOperand, cos: TemplateOperand, sin: TemplateOperand,
                               rotaryColumns r: Int) {
        let i = out.row
        for k in 0..<(r / 2) {
            let (even, odd, pair) = (TemplateIndex(constant: 2 * k), TemplateIndex(constant: 2 * k + 1), TemplateIndex(constant: k))
            rotation(out, own: x.cell(i, even), partner: x.cell(i, odd), cos: cos.cell(i, pair), sin: sin.cell(i, pair),
                     isFirst: true, when: [TemplateCondition(out.column, .equal, even)])
            rotation(out, own: x.cell(i, odd), partner: x.cell(i, even), cos: cos.cell(i, pair), sin: sin.cell(i, pair),
                     isFirst: false, when: [TemplateCondition(out.column, .equal, odd)])
        }
        unrotated(out, x, rotaryColumns: r)
    }

    /// `out = x cos θ ∓ y sin θ`: minus for the first entry of a pair, plus for the second.
    private mutating func rotation(_ out: TemplateCell, own: TemplateCell, partner: TemplateCell, cos: TemplateCell,
                                   sin: TemplateCell, isFirst: Bool, when conditions: [TemplateCondition]) {
        let sign = isFirst ? "−" : "+"
        line("\(out.reference) = \(own.reference) · \(cos.reference) \(sign) \(partner.reference) · \(sin.reference)",
             when: conditions)
        line("= \(own.factor) · \(cos.factor) \(sign) \(partner.factor) · \(sin.factor)", when: conditions)
        line("= \(out.value)", when: conditions)
        derivation(of: cos, when: conditions)
    }

    /// Columns from `r` on are not rotated.
    private mutating func unrotated(_ out: TemplateCell, _ x: TemplateOperand, rotaryColumns r: Int) {
        let beyond = [TemplateCondition(TemplateIndex(constant: r), .lessOrEqual, out.column)]
        let own = x.cell(out.row, out.column)
        line("\(out.reference) = \(own.reference): only the first \(r) columns are rotated", when: beyond)
        line("= \(out.value)", when: beyond)
    }
}
