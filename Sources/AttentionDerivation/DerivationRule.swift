import AttentionTrace

/// How every cell of one tensor was computed, as data: the operation, the tensors it
/// read, and the few facts about their values that a derivation states but that no
/// single value shows (which column holds a row's maximum, how far a position is
/// from a window's centre).
///
/// A rule holds no text. ``DerivationTemplate/init(rule:hasValues:)`` writes from it the
/// tensor's template, the lines of any cell's derivation with holes for the cell's
/// indices and recorded values, which `explain` fills in Swift and a page's script in
/// JavaScript; a page carries one template per tensor instead of a text per cell.
package struct DerivationRule: Sendable {
    /// What computed the cells.
    package enum Kind: Equatable, Sendable {
        /// A recorded step tensor, computed by its provenance's operation.
        case operation(Operation)
        /// A result of the mechanism: each of its matrices (one per head) repeats a
        /// recorded tensor, its ``TraceResult/sources``; none when it repeats none.
        case result(sources: [TensorID])
    }

    /// The tensor whose cells the rule explains.
    package let output: RuleTensor
    /// What computed the cells.
    package let kind: Kind
    /// The tensors read, in the order ``Operation`` documents, each named as the derivation names it.
    var operands: [RuleTensor] = []
    /// Operands the trace does not record; a derivation then says so instead of explaining the cell.
    var missing: [TensorID] = []
    /// The constant of a `scale` (the factor), a `window` (D) or a `gaussian` (σ), as derivations write numbers.
    var constant: String?
    /// The provenance's note: what a scale factor is, how a leaf was generated.
    var note: String?
    /// Where a `sliceRows` or `sliceColumns` starts in its operand; for a `causalMask` of a block of
    /// keys, the key position of its first column.
    var start: Int?
    /// For a rotary embedding: the number r of rotary columns (the rest pass through unrotated).
    var rotaryColumns: Int?
    /// The output's row labels (tokens), for `embedding` and `causalMask`.
    var rowLabels: [String]?
    /// The output's column labels (tokens), for `window` and `causalMask`.
    var columnLabels: [String]?
    /// For `rowMax`: per output row, where the maximum is, or `nil` for a masked row.
    var maxima: [RowMaximum?]?
    /// For `window`: per output cell, row-major, how far its position is from the centre.
    var distances: [WindowDistance]?
    /// For `tanh`, `sigmoid` and `exp` of a sum, difference or scaling: that expression, shown inside the call.
    var argument: ArgumentExpression?

    /// The operands whose values the derivations show; the others (the sources of
    /// concatenations, stacks, slices and shifts) are only named.
    var operandsRead: [RuleTensor] {
        switch kind {
        case .result: []
        case .operation(let operation):
            switch operation {
            case .concatColumns, .stackRows, .sliceRows, .sliceColumns, .previousRow, .nextRow: []
            default: operands
            }
        }
    }
}

/// A tensor as a derivation refers to it.
package struct RuleTensor: Sendable {
    /// The tensor's identifier, which finds its values and its own rule.
    package let id: TensorID
    /// The name in references, `u` in `u[3,1]`: ``DerivationFormatting/name(of:)``,
    /// or the identifier where that would read as the output's own name.
    let name: String
    /// The size of each dimension.
    let shape: [Int]
    /// The values of the cells a rule reads, for a tensor whose values the page does not embed.
    package var excerpt: ValueExcerpt?

    /// Rows when viewed as a matrix: 1 for a vector, those of one head for a 3-D result.
    var rows: Int { shape.count >= 2 ? shape[shape.count - 2] : 1 }
    /// Columns when viewed as a matrix.
    var columns: Int { shape.last ?? 1 }
    /// Whether references take one index (`v_a[1]`), as for a vector.
    var isVector: Bool { shape.count == 1 }
}

/// Some cells of a tensor a page does not embed (one drawn as a picture): the rows
/// and columns a rule reads, with their recorded values.
package struct ValueExcerpt: Equatable, Sendable {
    /// The rows included, ascending; `nil` for every row.
    let rows: [Int]?
    /// The columns included, ascending; `nil` for every column.
    let columns: [Int]?
    /// The values of the included cells, row-major.
    let values: [Double]
    /// How many columns the tensor has, which is how many each row holds when ``columns`` is `nil`.
    let columnCount: Int

    /// The recorded value at `(row, column)`, if the excerpt includes it.
    func value(row: Int, column: Int) -> Double? {
        guard let r = Self.position(of: row, in: rows), let c = Self.position(of: column, in: columns) else { return nil }
        let index = r * (columns?.count ?? columnCount) + c
        return values.indices.contains(index) ? values[index] : nil
    }

    private static func position(of index: Int, in selection: [Int]?) -> Int? {
        guard let selection else { return index }
        return selection.firstIndex(of: index)
    }
}

/// Where a row's maximum is: the first column holding it, and that column's label.
struct RowMaximum: Equatable, Sendable {
    let column: Int
    let label: String?
}

/// How far a position is from a local window's centre: `|j − P[i,0]|` as derivations
/// write numbers, and whether it is at most the half-width D.
struct WindowDistance: Equatable, Sendable {
    let text: String
    let isInside: Bool
}

/// The sum, difference or scaling that produced a function's argument, whose
/// values a derivation shows inside the call: `tanh(0.4120 − 0.9770)`.
struct ArgumentExpression: Sendable {
    /// `add`, `subtract` or `scale`.
    let operation: Operation
    var operands: [RuleTensor]
    /// The factor of a `scale`, as derivations write numbers.
    let constant: String?
}
