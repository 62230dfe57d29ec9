import AttentionTrace

/// Operations that move values without changing them: each names the cell it copies.
extension CellDeriver {
    /// Row `i` of every operand, side by side: column `j` comes from one operand.
    func concatenated(_ out: Cell, _ parts: [TracedTensor]) -> CellDerivation {
        var start = 0
        for part in parts {
            let width = part.values.columnCount
            if out.column < start + width {
                let source = Cell(part, out.row, out.column - start, besides: out)
                return copy(out, from: source, because: "columns \(start)–\(start + width - 1) of \(out.name) are \(source.name)")
            }
            start += width
        }
        return CellDerivation(lines: ["\(out.reference) = \(out.text)", "the operands have fewer than \(out.column + 1) columns"])
    }

    /// The operands' rows one after another: row `i` comes from one operand, followed by its derivation.
    func stacked(_ out: Cell, _ parts: [TracedTensor]) -> CellDerivation {
        var start = 0
        for part in parts {
            let height = part.values.rowCount
            if out.row < start + height {
                let source = Cell(part, out.row - start, out.column, besides: out)
                return CellDerivation(lines: copy(out, from: source, because: nil).lines
                                      + derivation(of: part, row: source.row, column: source.column).lines)
            }
            start += height
        }
        return CellDerivation(lines: ["\(out.reference) = \(out.text)", "the operands have fewer than \(out.row + 1) rows"])
    }

    /// `out[i,j] = A[start + i, j]` or `A[i, start + j]`.
    func slice(_ out: Cell, _ a: TracedTensor, start: Int, byRows: Bool) -> CellDerivation {
        let source = byRows ? Cell(a, start + out.row, out.column, besides: out)
                            : Cell(a, out.row, start + out.column, besides: out)
        return copy(out, from: source, because: nil)
    }

    /// The state before each position of a recurrent network: the row before
    /// (forward) or after (backward), or the initial state at the first position read.
    func shifted(_ out: Cell, _ states: TracedTensor, initial: TracedTensor, forward: Bool) -> CellDerivation {
        let last = states.values.rowCount - 1
        if out.row == (forward ? 0 : last) {
            return copy(out, from: Cell(initial, 0, out.column, besides: out),
                        because: "the network starts from its initial state at position \(out.row)")
        }
        let previous = forward ? out.row - 1 : out.row + 1
        return copy(out, from: Cell(states, previous, out.column, besides: out),
                    because: "the state after reading position \(previous)")
    }

    private func copy(_ out: Cell, from source: Cell, because reason: String?) -> CellDerivation {
        CellDerivation(lines: ["\(out.reference) = \(source.reference)" + (reason.map { ": \($0)" } ?? ""),
                               "= " + out.text])
    }
}
