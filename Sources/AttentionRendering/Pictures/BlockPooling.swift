import AttentionTrace

/// A matrix slice shrunk to at most `largestSide` × `largestSide` by averaging
/// blocks of cells, for drawing as a picture.
///
/// Blocks are `blockRows` × `blockColumns` cells, the smallest sizes that fit
/// the side: ⌈rows / largestSide⌉ by ⌈columns / largestSide⌉; the last block
/// of a row or column may be partial. A block's value is the mean of its
/// unmasked cells, or −∞ (masked) when every cell is masked.
struct PooledMatrix: Equatable {
    /// The rows and columns of the picture.
    let rows: Int
    let columns: Int
    /// How many cells of the slice each pixel covers down and across.
    let blockRows: Int
    let blockColumns: Int
    /// The block means, row-major; −∞ for a fully masked block.
    let values: [Double]

    /// Pools `slice` of `tensor`.
    ///
    /// - Complexity: O(`slice.rows` · `slice.columns`).
    init(_ slice: MatrixSlice, of tensor: Tensor, largestSide: Int) {
        let side = max(largestSide, 1)
        blockRows = max((slice.rows + side - 1) / side, 1)
        blockColumns = max((slice.columns + side - 1) / side, 1)
        rows = (slice.rows + blockRows - 1) / blockRows
        columns = (slice.columns + blockColumns - 1) / blockColumns
        var sums = [Double](repeating: 0, count: rows * columns)
        var counts = [Int](repeating: 0, count: rows * columns)
        for i in 0..<slice.rows {
            let base = (i / blockRows) * columns
            for j in 0..<slice.columns {
                let value = slice.value(i, j, in: tensor)
                guard value != -.infinity else { continue }
                sums[base + j / blockColumns] += value
                counts[base + j / blockColumns] += 1
            }
        }
        values = zip(sums, counts).map { sum, count in count > 0 ? sum / Double(count) : -.infinity }
    }
}
