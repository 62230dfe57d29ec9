import AttentionTrace

/// How an HTML page shows a tensor, chosen by its size so that a page stays
/// small and quick to render however long the input.
///
/// Tensors whose numbers the trace did not keep (see ``RecordingPolicy``) are always pictures.
enum TensorTier: Equatable, Sendable {
    /// A table per slice, every cell clickable for its derivation: at most
    /// ``TensorDisplay/largestTable`` per slice.
    case table
    /// An SVG heatmap with a `<rect>` per cell; the numbers and the derivation
    /// rule are in the data island and the table is built on demand.
    case interactiveHeatmap
    /// A raster picture of block means (``RasterHeatmap``); no numbers or
    /// derivation rule are embedded (only the cells other tensors' rules show,
    /// as excerpts), and `attention-trace explain` gives any of them.
    case picture
}

extension TensorDisplay {
    /// The most numbers a tensor may hold and still be drawn as an interactive
    /// heatmap with its numbers embedded; larger tensors are drawn as pictures.
    static let largestInteractiveHeatmap = 16_384

    /// The most numbers all of a page's interactive heatmaps may hold together.
    ///
    /// An interactive heatmap costs about 180 bytes per number (a `<rect>` with
    /// its title, the number in the data island, its share of the derivation
    /// rule), so when the tensors above the table size would together hold more
    /// than this, every one of them is drawn as a picture: with eight heads over
    /// 2,048 tokens, the sixteen 2,048-row maxima and sums alone would otherwise
    /// add about 6 MB.
    static let interactiveNumberBudget = 4_096

    /// Whether a tensor of `shape` has a slice with more rows, columns or cells than ``largestTable`` allows.
    static func isLarge(shape: [Int]) -> Bool {
        let rows = shape.count >= 2 ? shape[shape.count - 2] : 1, columns = shape.last ?? 1
        return rows > largestTable.rows || columns > largestTable.columns || rows * columns > largestTable.cells
    }

    /// The tier of a tensor of `shape`.
    ///
    /// - Parameter largeTensorsArePictures: Whether the page's large tensors exceed
    ///   ``interactiveNumberBudget`` together, so that all of them are pictures.
    /// - Returns: ``TensorTier/table`` up to ``largestTable``; ``TensorTier/picture``
    ///   above ``largestInteractiveHeatmap`` numbers or when `largeTensorsArePictures`;
    ///   ``TensorTier/interactiveHeatmap`` otherwise.
    static func tier(ofShape shape: [Int], largeTensorsArePictures: Bool) -> TensorTier {
        guard isLarge(shape: shape) else { return .table }
        let count = shape.reduce(1, *)
        return count > largestInteractiveHeatmap || largeTensorsArePictures ? .picture : .interactiveHeatmap
    }

    /// Whether a slice has more rows, columns or cells than ``largestTable`` allows.
}

extension DisplayedTensor {
    /// Whether a slice has more rows, columns or cells than ``TensorDisplay/largestTable`` allows.
    var isLarge: Bool { TensorDisplay.isLarge(shape: shape) }
}

/// The tiers of one page: whether its large tensors are all pictures, and how many numbers it leaves out.
struct PagePolicy: Equatable, Sendable {
    /// Whether the large tensors together exceed ``TensorDisplay/interactiveNumberBudget``.
    let largeTensorsArePictures: Bool
    /// How many numbers of tensors drawn as pictures the page does not embed.
    let numbersNotEmbedded: Int
    /// How many of those the trace itself did not keep.
    let numbersNotRecorded: Int

    /// The policy for a page showing tensors of `shapes` (every step tensor and result
    /// with its numbers) and pictures of summarised tensors of `summarizedShapes`.
    ///
    /// - Complexity: O(number of tensors).
    init(shapes: [[Int]], summarizedShapes: [[Int]] = []) {
        func count(_ shapes: [[Int]]) -> Int { shapes.map { $0.reduce(1, *) }.reduce(0, +) }
        let interactive = shapes.filter { TensorDisplay.tier(ofShape: $0, largeTensorsArePictures: false) == .interactiveHeatmap }
        let allPictures = count(interactive) > TensorDisplay.interactiveNumberBudget
        largeTensorsArePictures = allPictures
        numbersNotRecorded = count(summarizedShapes)
        numbersNotEmbedded = count(shapes.filter { TensorDisplay.tier(ofShape: $0, largeTensorsArePictures: allPictures) == .picture })
            + numbersNotRecorded
    }

    /// The tier of `tensor` on this page.
    func tier(of tensor: TensorDisplay) -> TensorTier {
        tier(ofShape: tensor.shape)
    }

    /// The tier of a tensor of `shape` on this page.
    func tier(ofShape shape: [Int]) -> TensorTier {
        TensorDisplay.tier(ofShape: shape, largeTensorsArePictures: largeTensorsArePictures)
    }
}
