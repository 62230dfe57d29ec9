import AttentionTrace

/// Draws a tensor as inline SVG heatmaps, one per matrix slice (per head for
/// multi-head weights), with token labels, a legend and a `<title>` per cell.
struct Heatmap {
    /// The values that map to the two ends of the palette.
    let scale: ClosedRange<Double>
    let palette = Palette.viridis

    private let characterWidth = 7.5
    private let maximumLabelLength = 16

    /// A heatmap scaled to 0...1, for attention weights.
    static let weights = Heatmap(scale: 0...1)

    /// A heatmap scaled to `tensor`'s finite values: 0 to their maximum when they
    /// all lie in 0...1 (weights and probabilities, so that nearly uniform weights
    /// still show their differences), otherwise their minimum to maximum.
    static func fitted(to tensor: TensorDisplay) -> Heatmap {
        fitted(to: [tensor.values])
    }

    /// A heatmap with one scale shared by every tensor in `values`, as ``fitted(to:)-swift.type.method`` chooses it.
    ///
    /// - Complexity: O(total number of values), in one pass without copying them.
    static func fitted(to values: [Tensor]) -> Heatmap {
        var low = Double.infinity, high = -Double.infinity
        for tensor in values {
            for value in tensor.scalars where value.isFinite {
                low = min(low, value)
                high = max(high, value)
            }
        }
        return fitted(range: low <= high ? low...high : nil)
    }

    /// A heatmap for values from `range.lowerBound` to `range.upperBound`: from 0 when
    /// they are weights in [0, 1], otherwise over exactly that range; the weights' scale
    /// when there are none (every value masked).
    static func fitted(range: ClosedRange<Double>?) -> Heatmap {
        guard let range else { return .weights }
        let (low, high) = (range.lowerBound, range.upperBound)
        if low >= 0, high <= 1 { return Heatmap(scale: 0...(high > 0 ? high : 1)) }
        return Heatmap(scale: low...max(high, low + 1e-12))
    }

    /// Appends a figure per slice of `tensor`, in a grid when there are several.
    ///
    /// - Parameter caption: Text under every figure, before the slice title (a variant's name).
    func append(_ tensor: TensorDisplay, caption: String = "", to html: inout TextBuffer) {
        let slices = tensor.slices
        html += slices.count > 1 ? "<div class=\"heatmap-grid\">\n" : ""
        for slice in slices {
            html += "<figure class=\"heatmap\">"
            appendSVG(slice, of: tensor, to: &html)
            let title = [caption, slice.title].filter { !$0.isEmpty }.joined(separator: " · ")
            if !title.isEmpty {
                html += "<figcaption>"
                appendEscapedHTML(title, to: &html)
                html += "</figcaption>"
            }
            html += "</figure>\n"
        }
        html += slices.count > 1 ? "</div>\n" : ""
    }

    /// The side of one cell: 28 pixels for up to 16 rows and columns, smaller for bigger matrices.
    private func cellSize(rows: Int, columns: Int) -> Double {
        let side = max(rows, columns)
        return side <= 16 ? 28 : side <= 32 ? 18 : 12
    }

    private func appendSVG(_ slice: MatrixSlice, of tensor: TensorDisplay, to html: inout TextBuffer) {
        let rowLabels = (0..<slice.rows).map(tensor.rowLabel)
        let columnLabels = (0..<slice.columns).map(tensor.columnLabel)
        let cell = cellSize(rows: slice.rows, columns: slice.columns)
        let left = labelWidth(rowLabels) + 12
        let top = labelWidth(columnLabels) * 0.75 + 12
        let gridWidth = Double(slice.columns) * cell
        let legendTop = top + Double(slice.rows) * cell + 14
        let legendWidth = max(gridWidth, 140)
        let width = left + legendWidth + top  // rotated labels lean right by about their height
        let height = legendTop + 12 + 18

        html += "<svg role=\"img\" class=\"heatmap-svg" + (cell < 20 ? " compact" : "") + "\" width=\""
        appendCoordinate(width, to: &html)
        html += "\" height=\""
        appendCoordinate(height, to: &html)
        html += "\" viewBox=\"0 0 "
        appendCoordinate(width, to: &html)
        html += " "
        appendCoordinate(height, to: &html)
        html += "\" aria-label=\""
        appendEscapedHTML("Heatmap of \(tensor.symbol.plainText), \(tensor.description)"
            + (slice.title.isEmpty ? "" : ", \(slice.title)")
            + ": rows \(tensor.rowAxis?.name ?? "row"), columns \(tensor.columnAxis?.name ?? "column")"
            + ", colour from \(NumberFormatting.fixed(scale.lowerBound)) to \(NumberFormatting.fixed(scale.upperBound))",
            to: &html)
        html += "\">\n"

        for (i, label) in rowLabels.enumerated() {
            html += "<text class=\"row-label\" x=\""
            appendCoordinate(left - 6, to: &html)
            html += "\" y=\""
            appendCoordinate(top + (Double(i) + 0.5) * cell, to: &html)
            html += "\" text-anchor=\"end\" dominant-baseline=\"middle\">"
            appendEscapedHTML(shortened(label), to: &html)
            html += "</text>\n"
        }
        for (j, label) in columnLabels.enumerated() {
            let x = left + (Double(j) + 0.5) * cell, y = top - 6
            html += "<text class=\"column-label\" x=\""
            appendCoordinate(x, to: &html)
            html += "\" y=\""
            appendCoordinate(y, to: &html)
            html += "\" transform=\"rotate(-45 "
            appendCoordinate(x, to: &html)
            html += " "
            appendCoordinate(y, to: &html)
            html += ")\">"
            appendEscapedHTML(shortened(label), to: &html)
            html += "</text>\n"
        }
        html += "<g class=\"cells size-\(Int(cell))\" transform=\"translate("
        appendCoordinate(left, to: &html)
        html += " "
        appendCoordinate(top, to: &html)
        html += ")\">\n"
        let rowTitles = rowLabels.map { escapedHTML($0) + " → " }
        let columnTitles = columnLabels.map { escapedHTML($0) + ": " }
        for i in 0..<slice.rows {
            html += "<g transform=\"translate(0 "
            appendCoordinate(Double(i) * cell, to: &html)
            html += ")\">"
            for j in 0..<slice.columns {
                let value = slice.value(i, j, in: tensor.values)
                let isMasked = value == -.infinity
                html += isMasked ? "<rect class=\"masked\" x=\"" : "<rect x=\""
                appendCoordinate(Double(j) * cell, to: &html)
                html += "\" fill=\""
                html += isMasked ? "url(#masked-hatch)" : palette.color(at: fraction(of: value))
                html += "\"><title>"
                html += rowTitles[i]
                html += columnTitles[j]
                if isMasked { html += "masked (−∞)" } else { NumberFormatting.appendFixed(value, to: &html) }
                html += "</title></rect>"
                if isMasked { appendMaskMark(x: Double(j) * cell, size: cell, to: &html) }
            }
            html += "</g>\n"
        }
        html += "</g>\n"
        appendLegend(x: left, y: legendTop, width: legendWidth, to: &html)
        html += "</svg>"
    }

    /// The ✕ over a masked cell, which is also hatched grey. Each cell is a coloured
    /// square titled with its labels and value; the row's `<g>` sets `y`, and the
    /// style sheet the side (`g.cells.size-28 rect`), which keeps large maps small.
    private func appendMaskMark(x: Double, size: Double, to html: inout TextBuffer) {
        html += "<text class=\"mask-mark\" x=\""
        appendCoordinate(x + size / 2 - 0.5, to: &html)
        html += "\" y=\""
        appendCoordinate(size / 2, to: &html)
        html += "\" text-anchor=\"middle\" dominant-baseline=\"middle\" aria-hidden=\"true\">✕</text>"
    }

    /// A bar of palette steps with the values at its ends and middle.
    func appendLegend(x: Double, y: Double, width: Double, to html: inout TextBuffer) {
        let steps = 24
        let stepWidth = width / Double(steps)
        var size = TextBuffer(capacity: 64)
        size += "\" y=\""
        appendCoordinate(y, to: &size)
        size += "\" width=\""
        appendCoordinate(stepWidth + 0.5, to: &size)
        size += "\" height=\"10\" fill=\""
        let afterPosition = size.text
        html += "<g class=\"legend\" aria-hidden=\"true\">"
        for k in 0..<steps {
            html += "<rect x=\""
            appendCoordinate(x + Double(k) * stepWidth, to: &html)
            html += afterPosition
            html += palette.color(at: (Double(k) + 0.5) / Double(steps))
            html += "\"/>"
        }
        let middle = (scale.lowerBound + scale.upperBound) / 2
        for (value, position, anchor) in [(scale.lowerBound, x, "start"), (middle, x + width / 2, "middle"),
                                          (scale.upperBound, x + width, "end")] {
            html += "<text x=\""
            appendCoordinate(position, to: &html)
            html += "\" y=\""
            appendCoordinate(y + 24, to: &html)
            html += "\" text-anchor=\"" + anchor + "\">"
            NumberFormatting.appendFixed(value, to: &html)
            html += "</text>"
        }
        html += "</g>\n"
    }

    private func fraction(of value: Double) -> Double {
        let span = scale.upperBound - scale.lowerBound
        return span > 0 ? (value - scale.lowerBound) / span : 0.5
    }

    private func shortened(_ label: String) -> String {
        label.count > maximumLabelLength ? String(label.prefix(maximumLabelLength - 1)) + "…" : label
    }

    private func labelWidth(_ labels: [String]) -> Double {
        Double(labels.map { min($0.count, maximumLabelLength) }.max() ?? 0) * characterWidth
    }

    /// Appends `coordinate` rounded to a tenth and written as briefly as possible: `28`,
    /// `56.5`, `-0.5` (what ``NumberFormatting/exact(_:)`` writes for the rounded value).
    private func appendCoordinate(_ coordinate: Double, to html: inout TextBuffer) {
        let rounded = (coordinate * 10).rounded()
        guard abs(rounded) < 1e15 else {
            html += NumberFormatting.exact(rounded / 10)
            return
        }
        let tenths = Int(rounded)
        if tenths < 0 { html += "-" }
        html.append(decimal: Int(tenths.magnitude / 10))
        if tenths.magnitude % 10 != 0 {
            html += "."
            html.append(decimal: Int(tenths.magnitude % 10))
        }
    }
}
