import AttentionTrace

/// Operations that move values without changing them: each names the cell it copies.
extension TemplateWriter {
    /// Row `i` of every operand, side by side: column `j` comes from one operand.
    mutating func concatenated(_ out: TemplateCell, _ parts: [TemplateOperand]) {
        var start = 0
        for part in parts {
            let end = start + part.columns
            let source = part.cell(out.row, out.column - TemplateIndex(constant: start))
            copy(out, from: source, because: "columns \(start)–\(end - 1) of \(out.name) are \(source.name)",
                 when: Self.conditions(out.column, from: start, to: end))
            start = end
        }
        let beyond = TemplateCondition(TemplateIndex(constant: start), .lessOrEqual, out.column)
        line("\(out.reference) = \(out.value)", when: beyond)
        line("the operands have fewer than \(out.column + 1) columns", when: beyond)
    }

    /// The operands' rows one after another: row `i` comes from one operand, followed by its derivation.
    mutating func stacked(_ out: TemplateCell, _ parts: [TemplateOperand]) {
        var start = 0
        for part in parts {
            let end = start + part.rows
            let source = part.cell(out.row - TemplateIndex(constant: start), out.column)
            let conditions = Self.conditions(out.row, from: start, to: end)
            copy(out, from: source, because: nil, when: conditions)
            derivation(of: source, when: conditions)
            start = end
        }
        let beyond = TemplateCondition(TemplateIndex(constant: start), .lessOrEqual, out.row)
        line("\(out.reference) = \(out.value)", when: beyond)
        line("the operands have fewer than \(out.row + 1) rows", when: beyond)
    }

    /// `out[i,j] = A[start + i, j]` or `A[i, start + j]`.
    mutating func slice(_ out: TemplateCell, _ a: TemplateOperand, start: Int, byRows: Bool) {
        let offset = TemplateIndex(constant: start)
        copy(out, from: byRows ? a.cell(offset + out.row, out.column) : a.cell(out.row, offset + out.column), because: nil)
    }

    /// The state before each position of a recurrent network: the row before
    /// (forward) or after (backward), or the initial state at the first position read.
    mutating func shifted(_ out: TemplateCell, _ states: TemplateOperand, initial: TemplateOperand, forward: Bool) {
        let first = TemplateIndex(constant: forward ? 0 : states.rows - 1)
        copy(out, from: initial.cell(0, out.column),
             because: "the network starts from its initial state at position \(out.row)",
             when: [TemplateCondition(out.row, .equal, first)])
        let previous = forward ? out.row - 1 : out.row + 1
        copy(out, from: states.cell(previous, out.column), because: "the state after reading position \(previous)",
             when: [TemplateCondition(out.row, .notEqual, first)])
    }

    /// `start ≤ index < end`, leaving out `0 ≤ index`, which always holds.
    private static func conditions(_ index: TemplateIndex, from start: Int, to end: Int) -> [TemplateCondition] {
        (start > 0 ? [TemplateCondition(TemplateIndex(constant: start), .lessOrEqual, index)] : [])
            + [TemplateCondition(index, .less, TemplateIndex(constant: end))]
    }

    private mutating func copy(_ out: TemplateCell, from source: TemplateCell, because reason: TemplateText?,
                               when conditions: [TemplateCondition] = []) {
        let statement: TemplateText = "\(out.reference) = \(source.reference)"
        line(reason.map { statement + ": \($0)" } ?? statement, when: conditions)
        line("= \(out.value)", when: conditions)
    }
}
