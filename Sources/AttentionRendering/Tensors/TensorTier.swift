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

/// The tiers of one page: whether its large tensors are all pictures, which steps'
/// tensors it leaves out to stay within ``byteBudget``, and how many numbers it leaves out.
struct PagePolicy: Equatable, Sendable {
    /// About how many bytes a page may take, by ``estimatedBytes(ofShape:tier:withHeatmap:)``
    /// for its tensors and ``stepBytes`` for each step's prose, formulas and navigation: with
    /// the style sheet and the script, a page stays under 3 MB however long the input.
    static let byteBudget = 2_700_000
    /// About how many bytes a step's heading, explanation, formulas and navigation take.
    static let stepBytes = 2_000

    /// A tensor the page shows: a step tensor or a result.
    struct Entry: Equatable, Sendable {
        let id: TensorID
        let shape: [Int]
        /// Whether the trace kept its numbers (otherwise it is a summary, always a picture).
        let hasValues: Bool
        /// Whether its rows and columns are labelled, so that a table has a heatmap beside it.
        let isLabelled: Bool

        init(id: TensorID, shape: [Int], hasValues: Bool = true, isLabelled: Bool = false) {
            self.id = id
            self.shape = shape
            self.hasValues = hasValues
            self.isLabelled = isLabelled
        }

        /// The entry of a step tensor.
        init(_ tensor: TracedTensor) {
            self.init(id: tensor.id, shape: tensor.shape, hasValues: tensor.values != nil,
                      isLabelled: Self.labelsRowsAndColumns(tensor.axes))
        }

        /// The entry of the result called `name`, shown as `result.name`.
        init(result name: String, _ result: TraceResult) {
            self.init(id: "result.\(name)", shape: result.shape, hasValues: result.values != nil,
                      isLabelled: Self.labelsRowsAndColumns(result.axes))
        }

        private static func labelsRowsAndColumns(_ axes: [Axis]) -> Bool {
            axes.count >= 2 && axes.suffix(2).allSatisfy { $0.labels != nil }
        }
    }

    /// Whether the large tensors together exceed ``TensorDisplay/interactiveNumberBudget``.
    let largeTensorsArePictures: Bool
    /// How many numbers of tensors drawn as pictures the page does not embed.
    let numbersNotEmbedded: Int
    /// How many of those the trace itself did not keep.
    let numbersNotRecorded: Int
    /// The steps whose tensors are left out, once the page's ``byteBudget`` was spent.
    let stepsLeftOut: Set<String>
    /// The tensors of ``stepsLeftOut``.
    let tensorsLeftOut: Set<TensorID>
    /// How many numbers the tensors in ``tensorsLeftOut`` hold.
    let numbersLeftOut: Int

    /// The policy for a page showing `results` and then `steps`, each with its tensors, in page order.
    ///
    /// Results are always shown (the overview draws the alignment from them), and so is the
    /// first step. Each later step is shown while the estimated size of the page
    /// stays within ``byteBudget``; once a step would pass it, that step and every later
    /// one leaves its tensors out, and the page says how to see them.
    ///
    /// - Complexity: O(number of tensors).
    init(results: [Entry] = [], steps: [(id: String, tensors: [Entry])]) {
        func count(_ entries: some Sequence<Entry>) -> Int { entries.map { $0.shape.reduce(1, *) }.reduce(0, +) }
        let entries = results + steps.flatMap(\.tensors)
        let interactive = entries.filter {
            $0.hasValues && TensorDisplay.tier(ofShape: $0.shape, largeTensorsArePictures: false) == .interactiveHeatmap
        }
        let allPictures = count(interactive) > TensorDisplay.interactiveNumberBudget
        func bytes(_ entries: [Entry]) -> Int {
            entries.map { entry in
                let tier = entry.hasValues ? TensorDisplay.tier(ofShape: entry.shape, largeTensorsArePictures: allPictures) : .picture
                return Self.estimatedBytes(ofShape: entry.shape, tier: tier, withHeatmap: entry.isLabelled)
            }.reduce(0, +)
        }
        var spent = bytes(results)
        var stepsLeftOut: Set<String> = []
        for (k, step) in steps.enumerated() {
            let cost = Self.stepBytes + bytes(step.tensors)
            if k > 0, !stepsLeftOut.isEmpty || spent + cost > Self.byteBudget {
                stepsLeftOut.insert(step.id)
            } else {
                spent += cost
            }
        }
        let leftOut = steps.filter { stepsLeftOut.contains($0.id) }.flatMap(\.tensors)
        let leftOutIDs = Set(leftOut.map(\.id))
        largeTensorsArePictures = allPictures
        self.stepsLeftOut = stepsLeftOut
        tensorsLeftOut = leftOutIDs
        numbersLeftOut = count(leftOut)
        numbersNotRecorded = count(entries.filter { !$0.hasValues })
        numbersNotEmbedded = count(entries.filter { entry in
            !leftOutIDs.contains(entry.id)
                && (!entry.hasValues || TensorDisplay.tier(ofShape: entry.shape, largeTensorsArePictures: allPictures) == .picture)
        })
    }

    /// About how many bytes of HTML a tensor of `shape` takes as `tier`, measured on
    /// walkthrough pages: a table cell with its number in the data island (and its
    /// square when a heatmap is drawn beside the table), a heatmap cell with its
    /// title, or a picture's pixels (base64) after its palette, legend and summary;
    /// each with its caption and provenance.
    static func estimatedBytes(ofShape shape: [Int], tier: TensorTier, withHeatmap: Bool = false) -> Int {
        let count = shape.reduce(1, *)
        switch tier {
        case .table: return 1_200 + (withHeatmap ? 250 : 37) * count
        case .interactiveHeatmap: return 1_500 + 200 * count
        case .picture: return 3_000 + 3 * min(count, RasterHeatmap.stepSide * RasterHeatmap.stepSide) / 2
        }
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
