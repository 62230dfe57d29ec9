import AttentionTrace

/// The mechanism's results, which repeat recorded tensors.
extension DerivationFormatter {
    /// The derivation of one cell of a result: which recorded cell it is, or that it
    /// was returned as is. A result cell names the recorded cell (whose own table
    /// explains it) rather than repeating that cell's derivation.
    ///
    /// - Parameter sources: Per matrix of the result, the recorded tensor with its values.
    func resultDerivation(of result: RuleTensor, at index: [Int], sources: [TensorID?]) -> CellDerivation {
        let (i, j) = (index.count >= 2 ? index[index.count - 2] : 0, index.last ?? 0)
        let number = zip(index.dropLast(2), result.shape.dropLast(2)).reduce(0) { $0 * $1.1 + $1.0 }
        let value = self.value(result.id, number * result.rows + i, j).map(DerivationFormatting.number) ?? "?"
        let reference = "\(result.id)[\(index.map(String.init).joined(separator: ","))]"
        guard sources.indices.contains(number), let source = sources[number] else {
            return CellDerivation(lines: ["\(reference) = \(value)", "the mechanism's result, as returned"])
        }
        return CellDerivation(lines: [
            "\(reference) = \(source)[\(i),\(j)]",
            "= " + value,
            "(open that cell in its own table to see how it was computed)",
        ])
    }
}
