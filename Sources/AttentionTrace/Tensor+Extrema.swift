extension Tensor {
    /// The column of the largest entry in row `i` of a vector or matrix: the argmax.
    ///
    /// Ties go to the first (leftmost) column, so a row of equal weights answers 0.
    /// Masked entries (−∞) never win unless every entry is masked.
    ///
    /// - Returns: The 0-based column, or `nil` for a row with no columns.
    /// - Complexity: O(``columnCount``).
    public func columnOfMaximum(inRow i: Int) -> Int? {
        extremeColumn(inRow: i, by: >)
    }

    /// The column of the smallest entry in row `i`: the argmin, ties to the first column.
    ///
    /// - Returns: The 0-based column, or `nil` for a row with no columns.
    /// - Complexity: O(``columnCount``).
    public func columnOfMinimum(inRow i: Int) -> Int? {
        extremeColumn(inRow: i, by: <)
    }

    private func extremeColumn(inRow i: Int, by isBetter: (Double, Double) -> Bool) -> Int? {
        guard columnCount > 0 else { return nil }
        var best = 0
        for j in 1..<columnCount where isBetter(self[i, j], self[i, best]) {
            best = j
        }
        return best
    }
}
