import AttentionTrace

extension CellDeriver {
    /// The derivation of every cell of `display`, row-major over the whole tensor
    /// (slice after slice), or `nil` when no step recorded how it was computed.
    ///
    /// A step tensor is derived from its own provenance; a result cell says which
    /// recorded cell it is (whose own table explains it), which keeps a page with
    /// large results from holding every derivation twice.
    ///
    /// - Complexity: O(number of cells · ``DerivationFormatting/maximumTerms``).
    func derivations(of display: TensorDisplay) -> [CellDerivation]? {
        if let tensor = tensor(display.id) {
            return display.slices.flatMap { slice in
                (0..<slice.rows).flatMap { i in (0..<slice.columns).map { j in derivation(of: tensor, row: i, column: j) } }
            }
        }
        let sources = recordedSources(ofResult: display.values)
        guard display.id.hasPrefix("result."), sources.contains(where: { $0 != nil }) else { return nil }
        return zip(display.slices, sources).flatMap { slice, source in
            (0..<slice.rows).flatMap { i in
                (0..<slice.columns).map { j in resultDerivation(of: display, slice: slice, row: i, column: j, source: source) }
            }
        }
    }

    /// The derivation of one cell of a result: which recorded cell it is, or that it was returned as is.
    ///
    /// - Parameter source: The recorded tensor with the slice's values, from ``recordedSources(ofResult:)``.
    func resultDerivation(of display: TensorDisplay, slice: MatrixSlice, row i: Int, column j: Int,
                          source: TracedTensor?) -> CellDerivation {
        let index = slice.index(i, j, dimensions: display.values.shape.count).map(String.init).joined(separator: ",")
        let value = DerivationFormatting.number(slice.value(i, j, in: display.values))
        guard let source else {
            return CellDerivation(lines: ["\(display.id)[\(index)] = \(value)", "the mechanism's result, as returned"])
        }
        return CellDerivation(lines: [
            "\(display.id)[\(index)] = \(source.id)[\(i),\(j)]",
            "= " + value,
            "(open that cell in its own table to see how it was computed)",
        ])
    }
}
