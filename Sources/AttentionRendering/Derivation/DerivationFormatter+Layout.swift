import AttentionTrace

/// Operations that move values without changing them: each names the cell it copies.
extension DerivationFormatter {
    /// Row `i` of every operand, side by side: column `j` comes from one operand.
    func concatenated(_ out: Cell, _ parts: [RuleTensor]) -> CellDerivation {
        var start = 0
        for part in parts {
            if out.column < start + part.columns {
                let source = cell(part, out.row, out.column - start)
                return copy(out, from: source,
                            because: "columns \(start)–\(start + part.columns - 1) of \(out.name) are \(source.name)")
            }
            start += part.columns
        }
        return CellDerivation(lines: ["\(out.reference) = \(out.text)", "the operands have fewer than \(out.column + 1) columns"])
    }

    /// The operands' rows one after another: row `i` comes from one operand, followed by its derivation.
    func stacked(_ out: Cell, _ parts: [RuleTensor]) -> CellDerivation {
        var start = 0
        for part in parts {
            if out.row < start + part.rows {
                let source = cell(part, out.row - start, out.column)
                let continued = rule(part.id).map { derivation(of: $0, at: [source.row, source.column]).lines } ?? []
                return CellDerivation(lines: copy(out, from: source, because: nil).lines + continued)
            }
            start += part.rows
        }
        return CellDerivation(lines: ["\(out.reference) = \(out.text)", "the operands have fewer than \(out.row + 1) rows"])
    }

    /// `out[i,j] = A[start + i, j]` or `A[i, start + j]`.
    func slice(_ out: Cell, _ a: RuleTensor, start: Int, byRows: Bool) -> CellDerivation {
        let source = byRows ? cell(a, start + out.row, out.column) : cell(a, out.row, start + out.column)
        return copy(out, from: source, because: nil)
    }

    /// The state before each position of a recurrent network: the row before
    /// (forward) or after (backward), or the initial state at the first position read.
    func shifted(_ out: Cell, _ states: RuleTensor, initial: RuleTensor, forward: Bool) -> CellDerivation {
        if out.row == (forward ? 0 : states.rows - 1) {
            return copy(out, from: cell(initial, 0, out.column),
                        because: "the network starts from its initial state at position \(out.row)")
        }
        let previous = forward ? out.row - 1 : out.row + 1
        return copy(out, from: cell(states, previous, out.column), because: "the state after reading position \(previous)")
    }

    private func copy(_ out: Cell, from source: Cell, because reason: String?) -> CellDerivation {
        CellDerivation(lines: ["\(out.reference) = \(source.reference)" + (reason.map { ": \($0)" } ?? ""),
                               "= " + out.text])
    }
}
