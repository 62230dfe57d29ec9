import AttentionTrace

/// The mechanism's results, which repeat recorded tensors.
extension TemplateWriter {
    /// The derivation of a cell of a result: which recorded cell it is, or that it was
    /// returned as is. A result cell names the recorded cell (whose own table explains
    /// it) rather than repeating that cell's derivation.
    ///
    /// - Parameter sources: Per matrix of the result, the recorded tensor with its values.
    mutating func result(_ result: TemplateOperand, sources: [TensorID?]) {
        let (s, i, j) = (TemplateIndex.matrix, TemplateIndex.row, TemplateIndex.column)
        let dimensions = result.tensor.shape.count
        let index: TemplateText = dimensions >= 3 ? "\(s),\(i),\(j)" : dimensions == 2 ? "\(i),\(j)" : "\(j)"
        let reference: TemplateText = "\(result.tensor.id)[\(index)]"
        let value = TemplateCell(operand: result, row: result.rows * s + i, column: j).value  // the rows of every matrix in turn
        let source = TemplateText.fact(fact(sources.map { $0 ?? "" }), at: s)
        let returned = TemplateCondition(source, .equal, "")
        line("\(reference) = \(value)", when: returned)
        line("the mechanism's result, as returned", when: returned)
        let repeated = TemplateCondition(source, .notEqual, "")
        line("\(reference) = \(source)[\(i),\(j)]", when: repeated)
        line("= \(value)", when: repeated)
        line("(that cell's own derivation shows how it was computed)", when: repeated)
    }
}
