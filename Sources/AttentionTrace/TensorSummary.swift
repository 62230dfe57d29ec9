/// What a trace keeps of a tensor too large to keep every number of: its shape and,
/// for each matrix slice, the minimum, maximum and mean, a grid of block means to
/// draw as a picture, and the numbers at its corners.
///
/// A ``RecordingPolicy`` with a ``RecordingPolicy/largestStoredTensor`` records
/// larger tensors this way, so that a trace over thousands of tokens stays a few
/// hundred megabytes. Pages draw every huge tensor from its summary, whether the
/// trace kept the numbers or not, so a picture looks the same either way.
public struct TensorSummary: Codable, Hashable, Sendable {
    /// The most blocks along either side of a slice's ``Slice/blockMeans`` when the
    /// engine summarises a tensor: the size of a step's picture on a page.
    public static let recordedPictureSide = 128
    /// The rows and columns kept at each end of a slice's ``Slice/edges``.
    public static let edgeCount = 3

    /// The size of each dimension of the summarised tensor.
    public var shape: [Int]
    /// One summary per matrix: a single one for a vector or a matrix, otherwise
    /// one per index of the leading dimensions, in row-major order (per head).
    public var slices: [Slice]

    /// The summary of one matrix slice.
    public struct Slice: Codable, Hashable, Sendable {
        /// The smallest unmasked value, or `nil` when every value is masked (−∞).
        public var minimum: Double?
        /// The largest unmasked value, or `nil` when every value is masked.
        public var maximum: Double?
        /// The mean of the unmasked values, or `nil` when every value is masked.
        public var mean: Double?
        /// How many values are masked (−∞).
        public var maskedCount: Int
        /// How many cells of the slice each block covers down and across; the last
        /// block of a row or column of blocks may cover fewer.
        public var blockRows: Int
        public var blockColumns: Int
        /// The mean of each block's unmasked cells, −∞ for a block whose every cell is masked.
        public var blockMeans: Tensor
        /// The rows and columns shown in ``edges``: the first and last ``TensorSummary/edgeCount``
        /// (every one when there are no more than twice as many).
        public var edgeRows: [Int]
        public var edgeColumns: [Int]
        /// The values at the crossings of ``edgeRows`` and ``edgeColumns``.
        public var edges: Tensor
    }

    /// Calls `body` with disjoint ranges that together cover `0..<rows`, possibly several at once on
    /// different threads; `columns` is how many cells each row of the range stands for.
    ///
    /// ``init(_:pictureSide:splittingRows:)`` splits each slice's rows of blocks with it. Every
    /// block's cells are added in the same order however the rows are split, so the summary is
    /// the same; only the wall time changes.
    public typealias RowSplitter = (_ rows: Int, _ columns: Int, _ body: (Range<Int>) -> Void) -> Void

    /// Summarises `tensor`, pooling each slice into at most `pictureSide` × `pictureSide` blocks.
    ///
    /// Blocks are the smallest that fit: ⌈rows / pictureSide⌉ by ⌈columns / pictureSide⌉ cells.
    ///
    /// - Parameter split: How each slice's rows of blocks are shared out: all on the calling
    ///   thread unless said (the engine passes `RowPartition`'s, which uses every core for a large slice).
    /// - Complexity: O(number of values), one pass per slice.
    public init(_ tensor: Tensor, pictureSide: Int = TensorSummary.recordedPictureSide,
                splittingRows split: RowSplitter = { rows, _, body in body(0..<rows) }) {
        let rows = tensor.rowCount, columns = tensor.columnCount
        let count = tensor.shape.count > 2 ? tensor.shape.dropLast(2).reduce(1, *) : 1
        shape = tensor.shape
        slices = (0..<count).map { number in
            Slice(tensor.scalars[(number * rows * columns)..<((number + 1) * rows * columns)],
                  rows: rows, columns: columns, pictureSide: pictureSide, split: split)
        }
    }

    /// The summary of a tensor made by stacking tensors of equal shape along a new
    /// leading dimension, from their summaries (the heads' weights, say).
    ///
    /// - Precondition: `parts` is not empty and every part has the same shape.
    public init(stacking parts: [TensorSummary]) {
        precondition(!parts.isEmpty && parts.allSatisfy { $0.shape == parts[0].shape }, "stacking summaries of different shapes")
        shape = [parts.count] + parts[0].shape
        slices = parts.flatMap(\.slices)
    }

    /// The smallest and largest unmasked values over every slice, or `nil` when all are masked.
    public var range: ClosedRange<Double>? {
        let low = slices.compactMap(\.minimum).min(), high = slices.compactMap(\.maximum).max()
        guard let low, let high else { return nil }
        return low...high
    }
}

extension TensorSummary.Slice {
    init(_ values: ArraySlice<Double>, rows: Int, columns: Int, pictureSide: Int, split: TensorSummary.RowSplitter) {
        let side = max(pictureSide, 1)
        let blockRows = max((rows + side - 1) / side, 1), blockColumns = max((columns + side - 1) / side, 1)
        let gridRows = (rows + blockRows - 1) / blockRows, gridColumns = (columns + blockColumns - 1) / blockColumns
        // Per block its sum and count of unmasked cells, then per row of blocks its extremes: each
        // row of blocks writes only its own entries, whichever thread adds it up.
        let cellCount = gridRows * gridColumns
        var totals = [Double](repeating: 0, count: 2 * cellCount + 2 * gridRows)
        values.withUnsafeBufferPointer { cells in
            totals.withUnsafeMutableBufferPointer { totals in
                guard let base = cells.baseAddress, let sums = totals.baseAddress else { return }
                let counts = sums + cellCount, lows = counts + cellCount, highs = lows + gridRows
                split(gridRows, blockRows * columns) { blockRowRange in
                    for blockRow in blockRowRange {
                        let block = blockRow * gridColumns
                        var extremes = Extremes()
                        for i in (blockRow * blockRows)..<min((blockRow + 1) * blockRows, rows) {
                            let row = base + i * columns
                            guard blockColumns >= Extremes.width else {
                                // Blocks narrower than a vector of lanes (a 32-wide matrix has one cell a block):
                                // one pass over the row, cell by cell, as the lanes' tail would do it.
                                extremes.add(row: UnsafeBufferPointer(start: row, count: columns), blockColumns: blockColumns) { b, value in
                                    sums[block + b] += value
                                    counts[block + b] += 1
                                }
                                continue
                            }
                            for b in 0..<gridColumns {
                                let start = b * blockColumns, end = min(start + blockColumns, columns)
                                let (sum, count) = extremes.add(UnsafeBufferPointer(start: row + start, count: end - start))
                                sums[block + b] += sum
                                counts[block + b] += Double(count)
                            }
                        }
                        (lows[blockRow], highs[blockRow]) = extremes.range
                    }
                }
            }
        }
        let sums = totals[..<cellCount], counts = totals[cellCount..<(2 * cellCount)].map { Int($0) }
        let low = totals[(2 * cellCount)..<(2 * cellCount + gridRows)].min() ?? .infinity
        let high = totals[(2 * cellCount + gridRows)...].max() ?? -.infinity
        let total = sums.reduce(0, +), unmasked = counts.reduce(0, +)
        self.blockRows = blockRows
        self.blockColumns = blockColumns
        minimum = unmasked > 0 ? low : nil
        maximum = unmasked > 0 ? high : nil
        mean = unmasked > 0 ? total / Double(unmasked) : nil
        maskedCount = rows * columns - unmasked
        blockMeans = Tensor(shape: [gridRows, gridColumns],
                            scalars: zip(sums, counts).map { sum, count in count > 0 ? sum / Double(count) : -.infinity })
        let edgeRows = Self.edgePositions(rows), edgeColumns = Self.edgePositions(columns)
        let start = values.startIndex
        self.edgeRows = edgeRows
        self.edgeColumns = edgeColumns
        edges = Tensor(shape: [edgeRows.count, edgeColumns.count],
                       scalars: edgeRows.flatMap { i in edgeColumns.map { j in values[start + i * columns + j] } })
    }

    /// Every position below `count`, or the first and last ``TensorSummary/edgeCount`` when there are more.
    private static func edgePositions(_ count: Int) -> [Int] {
        let edge = TensorSummary.edgeCount
        return count > 2 * edge ? Array(0..<edge) + Array((count - edge)..<count) : Array(0..<count)
    }

    /// The number of rows of the slice.
    public var rows: Int { edgeRows.last.map { $0 + 1 } ?? 0 }
    /// The number of columns of the slice.
    public var columns: Int { edgeColumns.last.map { $0 + 1 } ?? 0 }
}

/// The smallest and largest unmasked value seen so far, kept eight lanes at a time.
private struct Extremes {
    private typealias Lanes = SIMD8<Double>
    private var low = Lanes(repeating: .infinity), high = Lanes(repeating: -.infinity)

    /// The number of lanes: blocks at least this wide are added a vector at a time.
    static let width = Lanes.scalarCount

    /// Adds a row of narrow blocks, cell by cell (masked ones, −∞, are skipped), calling `add`
    /// with each unmasked cell's block and value.
    mutating func add(row cells: UnsafeBufferPointer<Double>, blockColumns: Int, _ add: (Int, Double) -> Void) {
        for (j, value) in cells.enumerated() where value != -.infinity {
            add(j / blockColumns, value)
            include(value)
        }
    }

    /// Adds `cells` (masked ones, −∞, are skipped) and returns their sum and count.
    mutating func add(_ cells: UnsafeBufferPointer<Double>) -> (sum: Double, count: Int) {
        var sum = Lanes(), count = Lanes()
        var k = 0
        while k + Lanes.scalarCount <= cells.count, let base = cells.baseAddress {
            let value = UnsafeRawPointer(base + k).loadUnaligned(as: Lanes.self)
            let unmasked = value .!= -.infinity
            sum += Lanes().replacing(with: value, where: unmasked)
            count += Lanes().replacing(with: 1, where: unmasked)
            low.replace(with: value, where: unmasked .& (value .< low))
            high.replace(with: value, where: value .> high)
            k += Lanes.scalarCount
        }
        var tailSum = 0.0, tailCount = 0
        for value in cells[k...] where value != -.infinity {
            tailSum += value
            tailCount += 1
            include(value)
        }
        return (sum.sum() + tailSum, Int(count.sum()) + tailCount)
    }

    /// Takes one unmasked value into the first lane.
    private mutating func include(_ value: Double) {
        low[0] = min(low[0], value)
        high[0] = max(high[0], value)
    }

    /// The extremes over everything added: (+∞, −∞) when nothing unmasked was.
    var range: (low: Double, high: Double) { (low.min(), high.max()) }
}
