import AttentionText
import AttentionTrace

/// A tensor ready to be shown: validated values, one axis per dimension, and a
/// one-line account of where its values came from.
///
/// Step tensors and result tensors both become a `TensorDisplay`, so tables and
/// heatmaps are drawn the same way for each.
struct TensorDisplay: DisplayedTensor {
    /// The identifier used for anchors and cell attributes; unique on a page.
    let id: TensorID
    /// The symbol in ``Formula`` notation.
    let symbol: Formula
    /// One line saying what the tensor is.
    let description: String
    /// The values; `values.shape` has one entry per axis.
    let values: Tensor
    /// What each dimension indexes.
    let axes: [Axis]
    /// Where the values came from.
    let origin: ProvenanceSummary

    /// Validates a step tensor whose numbers the trace keeps, `values`.
    ///
    /// - Throws: ``RenderingError/inconsistentTensor(id:reason:)`` when the recorded
    ///   shape, the axes or their labels do not match the values.
    init(_ tensor: TracedTensor, values: Tensor) throws(RenderingError) {
        try Self.validate(tensor.id, shape: values.shape, recordedShape: tensor.shape, axes: tensor.axes)
        id = tensor.id
        symbol = Formula(tensor.symbol)
        description = tensor.description
        self.values = values
        axes = tensor.axes
        origin = ProvenanceSummary(tensor.provenance)
    }

    /// Describes the result `name`, whose numbers the trace keeps; see ``resultIdentity(name:result:in:)``.
    init(result name: String, _ result: TraceResult, values: Tensor, in trace: Trace) {
        id = "result.\(name)"
        self.values = values
        (symbol, description, axes, origin) = Self.resultIdentity(name: name, result: result, in: trace)
    }

    /// What the result `name` is called, how its axes are labelled (the trace's own axes for it),
    /// and where it came from: when it repeats one step tensor of the same shape (``TraceResult/sources``),
    /// that tensor's symbol and description, and that it is the same.
    ///
    /// - Complexity: O(number of tensors in the trace), to find the source by its identifier.
    static func resultIdentity(name: String, result: TraceResult,
                               in trace: Trace) -> (Formula, String, [Axis], ProvenanceSummary) {
        if result.sources.count == 1, let source = trace.tensor(result.sources[0]), source.shape == result.shape {
            return (Formula(source.symbol), source.description, result.axes, ProvenanceSummary(sameAs: result.sources[0]))
        }
        return (Formula(name), "the result \(name)", result.axes, ProvenanceSummary(resultNamed: name))
    }

    /// Checks that a tensor's recorded shape, axes and labels agree with the shape of its values.
    ///
    /// - Throws: ``RenderingError/inconsistentTensor(id:reason:)`` naming the disagreement.
    static func validate(_ id: TensorID, shape: [Int], recordedShape: [Int], axes: [Axis]) throws(RenderingError) {
        func inconsistent(_ reason: String) -> RenderingError {
            .inconsistentTensor(id: id, reason: reason)
        }
        guard recordedShape == shape else {
            throw inconsistent("recorded shape \(recordedShape) but values of shape \(shape)")
        }
        guard axes.count == shape.count else {
            throw inconsistent("\(axes.count) axes for values of shape \(shape)")
        }
        for (axis, size) in zip(axes, shape) {
            if let labels = axis.labels, labels.count != size {
                throw inconsistent("axis \(axis.name) has \(labels.count) labels for \(size) entries")
            }
        }
    }

    /// The size of each dimension.
    var shape: [Int] { values.shape }

    /// The most cells a matrix may have and still be shown as a table; larger
    /// ones are drawn as a heatmap, with their numbers in a table built on demand,
    /// or as a picture (see ``TensorTier``).
    static let largestTable = (cells: 1024, rows: 64, columns: 64)
}

/// What every tensor shown on a page has, whether the trace kept its numbers
/// (``TensorDisplay``) or only a summary (``SummaryDisplay``): its identity, what
/// its axes index and where it came from.
protocol DisplayedTensor {
    /// The identifier used for anchors and cell attributes; unique on a page.
    var id: TensorID { get }
    /// The symbol in ``Formula`` notation.
    var symbol: Formula { get }
    /// One line saying what the tensor is.
    var description: String { get }
    /// What each dimension indexes.
    var axes: [Axis] { get }
    /// The size of each dimension.
    var shape: [Int] { get }
    /// Where the values came from.
    var origin: ProvenanceSummary { get }
}

extension DisplayedTensor {
    /// The axis along rows; `nil` for a vector or a scalar, which are shown as one row.
    var rowAxis: Axis? { axes.count >= 2 ? axes[axes.count - 2] : nil }
    /// The axis along columns; `nil` for a scalar.
    var columnAxis: Axis? { axes.last }

    /// Whether both the row and the column axis name their entries, as tokens do;
    /// such tensors are also drawn as heatmaps.
    var hasLabelledRowsAndColumns: Bool {
        rowAxis?.labels != nil && columnAxis?.labels != nil
    }

    /// The label of row `i`: a token, an index, or for a vector its symbol.
    func rowLabel(_ i: Int) -> String {
        rowAxis?.label(i) ?? symbol.plainText
    }

    /// The label of column `j`: a token or an index.
    func columnLabel(_ j: Int) -> String {
        columnAxis?.label(j) ?? ""
    }

    /// The index to write after the identifier in `--cell`: `row,column`, `column`
    /// for a vector, and the leading axes' names before them (`head,row,column`).
    var indexPlaceholder: String {
        let trailing = shape.count >= 2 ? ["row", "column"] : ["column"]
        return (axes.dropLast(trailing.count).map(\.name) + trailing).joined(separator: ",")
    }

    /// The text in the top-left corner of a table: which axis runs down and which across.
    var cornerLabel: String {
        switch (rowAxis?.name, columnAxis?.name) {
        case let (row?, column?): "\(row) \\ \(column)"
        case let (nil, column?): column
        default: ""
        }
    }

    /// The shape written as `2 × 3`, with the axis names: `2 × 3 (target × source)`.
    var shapeDescription: String {
        let sizes = shape.map(String.init).joined(separator: " × ")
        let names = axes.map(\.name).joined(separator: " × ")
        if sizes.isEmpty { return "scalar" }
        return names.isEmpty ? sizes : "\(sizes) (\(names))"
    }

    /// The tensor as one or more matrices: a single one for up to two
    /// dimensions, otherwise one per index of the leading dimensions (per head).
    var slices: [MatrixSlice] {
        let shape = shape
        let columns = shape.last ?? 1
        let rows = shape.count >= 2 ? shape[shape.count - 2] : 1
        let leading = Array(shape.dropLast(2))
        let count = shape.count > 2 ? leading.reduce(1, *) : 1
        return (0..<count).map { number in
            var index: [Int] = []
            var remainder = number
            for size in leading.reversed() {
                index.insert(remainder % size, at: 0)
                remainder /= size
            }
            let title = zip(axes, index).map { "\($0.name) \($0.label($1))" }.joined(separator: ", ")
            return MatrixSlice(leadingIndex: index, title: title, offset: number * rows * columns,
                               rows: rows, columns: columns)
        }
    }
}

/// One matrix of a tensor: all of it, or the part at one index of its leading dimensions.
struct MatrixSlice {
    /// The index into the leading dimensions; empty for vectors and matrices.
    let leadingIndex: [Int]
    /// Such as `head 1`; empty for vectors and matrices.
    let title: String
    /// Where the slice starts in the tensor's row-major scalars.
    let offset: Int
    let rows: Int
    let columns: Int

    /// The entry at row `i`, column `j` of the slice in `values`.
    func value(_ i: Int, _ j: Int, in values: Tensor) -> Double {
        values.scalars[offset + i * columns + j]
    }

    /// The full index of row `i`, column `j` in the tensor (one coordinate per dimension).
    func index(_ i: Int, _ j: Int, dimensions: Int) -> [Int] {
        Array((leadingIndex + [i, j]).suffix(dimensions))
    }
}
