import AttentionTrace

/// Products and row reductions: each writes out its terms, eliding long ones.
extension TemplateWriter {
    /// `out[i,j] = Σ_k A[i,k] · B[k,j]`, or `B[j,k]` when `transposed`.
    mutating func product(_ out: TemplateCell, _ a: TemplateOperand, _ b: TemplateOperand, transposed: Bool) {
        let (i, j) = (out.row, out.column)
        line("\(out.reference) = Σ_k \(a.reference(row: i.text, column: "k")) · "
             + (transposed ? b.reference(row: j.text, column: "k") : b.reference(row: "k", column: j.text)))
        let terms = Self.joined(count: a.columns, separator: " + ") { k in
            let k = TemplateIndex(constant: k)
            return a.cell(i, k).factor + "·" + (transposed ? b.cell(j, k) : b.cell(k, j)).factor
        }
        line("= \(terms)")
        line("= \(out.value)")
    }

    /// `out[i,0] = max_k A[i,k]`, naming the column that holds the maximum.
    ///
    /// - Parameter maxima: Per row, where the maximum is, from the rule; `nil` for a masked row.
    mutating func rowMaximum(_ out: TemplateCell, _ a: TemplateOperand, maxima: [RowMaximum?]?) {
        let values = Self.joined(count: a.columns, separator: ", ") { a.cell(out.row, TemplateIndex(constant: $0)).value }
        line("\(out.reference) = max_k \(a.reference(row: out.row.text, column: "k"))")
        line("= max(\(values))")
        guard let maxima else { return line("= \(out.value)") }
        let places = maxima.map { maximum in
            maximum.map { ", at k = \($0.column)" + ($0.label.map { " (“\($0)”)" } ?? "") } ?? ""
        }
        line("= \(out.value)\(TemplateText.fact(fact(places), at: out.row))")
    }

    /// `out[i,0] = Σ_k A[i,k]`.
    mutating func rowSum(_ out: TemplateCell, _ a: TemplateOperand) {
        let terms = Self.joined(count: a.columns, separator: " + ") { a.cell(out.row, TemplateIndex(constant: $0)).value }
        line("\(out.reference) = Σ_k \(a.reference(row: out.row.text, column: "k"))")
        line("= \(terms)")
        line("= \(out.value)")
    }

    /// The terms ``DerivationFormatting/shownTerms(count:)`` picks, joined by `separator`, with an
    /// ellipsis and the count of terms where the middle is elided: `a + b + c + d + … + y + z (64 terms)`.
    private static func joined(count: Int, separator: String, term: (Int) -> TemplateText) -> TemplateText {
        let shown = DerivationFormatting.shownTerms(count: count).map(term)
        guard count > DerivationFormatting.maximumTerms else { return TemplateText.joined(shown, separator: separator) }
        let elided = shown.prefix(DerivationFormatting.leadingTerms) + ["…"] + shown.suffix(DerivationFormatting.trailingTerms)
        return TemplateText.joined(Array(elided), separator: separator) + " (\(count) terms)"
    }
}
