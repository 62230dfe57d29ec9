import AttentionTrace

/// Entry-by-entry operations: each reads one cell of each operand.
extension TemplateWriter {
    /// `out[i,j] = Σ_n X_n[i,j]`.
    mutating func sum(_ out: TemplateCell, of operands: [TemplateOperand]) {
        let cells = operands.map { $0.cell(out.row, out.column) }
        line("\(out.reference) = \(TemplateText.joined(cells.map(\.reference), separator: " + "))")
        line("= \(TemplateText.joined(cells.map(\.value), separator: " + "))")
        line("= \(out.value)")
    }

    /// `out[i,j] = A[i,j] − B[i,j]`; a masked entry stays masked.
    mutating func difference(_ out: TemplateCell, _ a: TemplateOperand, _ b: TemplateOperand) {
        let (x, y) = (a.cell(out.row, out.column), b.cell(out.row, out.column))
        line("\(out.reference) = \(x.reference) − \(y.reference)")
        line("= \(x.value) − \(y.factor)")
        line("= −∞: a masked entry stays masked", when: TemplateCondition(out.value, .equal, .masked))
        line("= \(out.value)", when: TemplateCondition(out.value, .notEqual, .masked))
    }

    /// `out[i,j] = A[i,j] · B[i,j]`.
    mutating func elementwiseProduct(_ out: TemplateCell, _ a: TemplateOperand, _ b: TemplateOperand) {
        let (x, y) = (a.cell(out.row, out.column), b.cell(out.row, out.column))
        line("\(out.reference) = \(x.reference) · \(y.reference)")
        line("= \(x.factor) · \(y.factor)")
        line("= \(out.value)")
    }

    /// `out[i,j] = factor · A[i,j]`, with the note that says what the factor is.
    mutating func scaled(_ out: TemplateCell, _ a: TemplateOperand, factor constant: String, note: String?) {
        let x = a.cell(out.row, out.column)
        line("\(out.reference) = \(constant) · \(x.reference)" + (note.map { ", where \(constant) is \($0)" } ?? ""))
        line("= \(constant) · \(x.factor)")
        line("= \(out.value)")
    }

    /// `out[i,j] = f(A[i,j])` for tanh, σ and exp; when the argument is itself a sum,
    /// difference or scaling whose operands' values are known, its expression is shown inside the call.
    mutating func function(_ out: TemplateCell, _ name: String, _ a: TemplateOperand, argument: ArgumentExpression?) {
        let x = a.cell(out.row, out.column)
        line("\(out.reference) = \(name)(\(x.reference))")
        if let argument {
            let values = argument.operands.map { operand($0).cell(x.row, x.column) }
            let inner: TemplateText = switch argument.operation {
            case .subtract: "\(values[0].value) − \(values[1].factor)"
            case .scale: "\(argument.constant ?? "?") · \(values[0].factor)"
            default: TemplateText.joined(values.map(\.value), separator: " + ")
            }
            line("= \(name)(\(inner))")
        }
        line("= \(name)(\(x.value))")
        if name == "σ" {
            line("= 1 / (1 + exp(\(x.negated)))", when: TemplateCondition(x.value, .notEqual, .masked))
        }
        if name == "exp" {
            line("= \(out.value): a masked score gets no weight", when: TemplateCondition(x.value, .equal, .masked))
            line("= \(out.value)", when: TemplateCondition(x.value, .notEqual, .masked))
        } else {
            line("= \(out.value)")
        }
    }

    /// `out[i,j] = E[i,j] / Z[i,0]`, or 0 for a fully masked row.
    mutating func normalized(_ out: TemplateCell, _ e: TemplateOperand, _ z: TemplateOperand) {
        let (x, total) = (e.cell(out.row, out.column), z.cell(out.row, 0))
        line("\(out.reference) = \(x.reference) / \(total.reference)")
        let emptyRow = TemplateCondition(total.value, .equal, .zero)
        line("= 0, because \(total.reference) = 0: every score in this row is masked, so every weight is 0", when: emptyRow)
        line("= \(x.value) / \(total.value)", when: TemplateCondition(total.value, .notEqual, .zero))
        line("= \(out.value)", when: TemplateCondition(total.value, .notEqual, .zero))
    }

    /// `out[i,j] = (1 − Z[i,j]) · A[i,j] + Z[i,j] · B[i,j]`.
    mutating func interpolated(_ out: TemplateCell, z: TemplateOperand, _ a: TemplateOperand, _ b: TemplateOperand) {
        let (gate, x, y) = (z.cell(out.row, out.column), a.cell(out.row, out.column), b.cell(out.row, out.column))
        line("\(out.reference) = (1 − \(gate.reference)) · \(x.reference) + \(gate.reference) · \(y.reference)")
        line("= (1 − \(gate.value)) · \(x.factor) + \(gate.factor) · \(y.factor)")
        line("= \(out.value)")
    }
}

extension TemplateText {
    /// A masked entry (−∞) as a filled template writes it, for conditions.
    static let masked = TemplateText(stringLiteral: DerivationFormatting.masked)
    /// Zero as a filled template writes it, for conditions.
    static let zero = TemplateText(stringLiteral: DerivationFormatting.zero)
}
