import AttentionText
import AttentionTrace

/// Draws a tensor as inline SVG heatmaps, one per matrix slice (per head for
/// multi-head weights), with token labels, a legend and a `<title>` per cell.
struct Heatmap {
    /// The values that map to the two ends of the palette.
    let scale: ClosedRange<Double>
    let palette = Palette.viridis

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

    /// Writes a figure per slice of `tensor`, in a grid when there are several.
    ///
    /// - Parameter caption: Text under every figure, before the slice title (a variant's name).
    func write(_ tensor: TensorDisplay, caption: String = "", to html: inout HTMLWriter) {
        let slices = tensor.slices
        if slices.count > 1 {
            html.open("div", class: "heatmap-grid")
            html.markup("\n")
        }
        for slice in slices {
            html.open("figure", class: "heatmap")
            writeSVG(slice, of: tensor, to: &html)
            let title = [caption, slice.title].filter { !$0.isEmpty }.joined(separator: " · ")
            if !title.isEmpty { html.element("figcaption", text: title) }
            html.close("figure")
            html.markup("\n")
        }
        if slices.count > 1 {
            html.close("div")
            html.markup("\n")
        }
    }

    /// The side of one cell: 28 pixels for up to 16 rows and columns, smaller for bigger matrices.
    private func cellSize(rows: Int, columns: Int) -> Double {
        let side = max(rows, columns)
        return side <= 16 ? 28 : side <= 32 ? 18 : 12
    }

    private func writeSVG(_ slice: MatrixSlice, of tensor: TensorDisplay, to html: inout HTMLWriter) {
        let rowLabels = (0..<slice.rows).map(tensor.rowLabel)
        let columnLabels = (0..<slice.columns).map(tensor.columnLabel)
        let cell = cellSize(rows: slice.rows, columns: slice.columns)
        let left = labelWidth(rowLabels) + 12
        let top = labelWidth(columnLabels) * 0.75 + 16  // rotated by 45°: the width's share, and the ascent
        let gridWidth = Double(slice.columns) * cell
        let legendTop = top + Double(slice.rows) * cell + 14
        let legendWidth = max(gridWidth, 140)
        let width = left + legendWidth + top  // rotated labels lean right by about their height
        let height = legendTop + 12 + 18

        html.start("svg")
        html.attribute("role", "img")
        html.attribute("class", cell < 20 ? "heatmap-svg compact" : "heatmap-svg")
        html.attribute("width", coordinate: width)
        html.attribute("height", coordinate: height)
        html.startAttribute("viewBox")
        html.markup("0 0 ")
        html.coordinate(width)
        html.markup(" ")
        html.coordinate(height)
        html.endAttribute()
        html.attribute("aria-label", "Heatmap of \(tensor.symbol.plainText), \(tensor.description)"
            + (slice.title.isEmpty ? "" : ", \(slice.title)")
            + ": rows \(tensor.rowAxis?.name ?? "row"), columns \(tensor.columnAxis?.name ?? "column")"
            + ", colour from \(NumberFormatting.fixed(scale.lowerBound)) to \(NumberFormatting.fixed(scale.upperBound))")
        html.end()
        html.markup("\n")

        for (i, label) in rowLabels.enumerated() {
            html.start("text")
            html.attribute("class", "row-label")
            html.attribute("x", coordinate: left - 6)
            html.attribute("y", coordinate: top + (Double(i) + 0.5) * cell)
            html.attribute("text-anchor", "end")
            html.attribute("dominant-baseline", "middle")
            html.end()
            html.text(shortened(label))
            html.close("text")
            html.markup("\n")
        }
        for (j, label) in columnLabels.enumerated() {
            let x = left + (Double(j) + 0.5) * cell, y = top - 6
            html.start("text")
            html.attribute("class", "column-label")
            html.attribute("x", coordinate: x)
            html.attribute("y", coordinate: y)
            html.startAttribute("transform")
            html.markup("rotate(-45 ")
            html.coordinate(x)
            html.markup(" ")
            html.coordinate(y)
            html.markup(")")
            html.endAttribute()
            html.end()
            html.text(shortened(label))
            html.close("text")
            html.markup("\n")
        }
        html.start("g")
        html.attribute("class", "cells size-\(Int(cell))")
        html.startAttribute("transform")
        html.markup("translate(")
        html.coordinate(left)
        html.markup(" ")
        html.coordinate(top)
        html.markup(")")
        html.endAttribute()
        html.end()
        html.markup("\n")
        let rowTitles = rowLabels.map { HTMLFragment(escaping: $0 + " → ") }
        let columnTitles = columnLabels.map { HTMLFragment(escaping: $0 + ": ") }
        for i in 0..<slice.rows {
            html.start("g")
            html.startAttribute("transform")
            html.markup("translate(0 ")
            html.coordinate(Double(i) * cell)
            html.markup(")")
            html.endAttribute()
            html.end()
            for j in 0..<slice.columns {
                let value = slice.value(i, j, in: tensor.values)
                let isMasked = value == -.infinity
                // The commonest element of a page, so written in as few pieces as it has.
                html.markup(isMasked ? "<rect class=\"masked\" x=\"" : "<rect x=\"")
                html.coordinate(Double(j) * cell)
                html.markup("\" fill=\"")
                html.text(isMasked ? "url(#masked-hatch)" : palette.color(at: fraction(of: value)))
                html.markup("\"><title>")
                html.append(rowTitles[i])
                html.append(columnTitles[j])
                if isMasked { html.markup("masked (−∞)") } else { html.fixed(value) }
                html.markup("</title></rect>")
                if isMasked { writeMaskMark(x: Double(j) * cell, size: cell, to: &html) }
            }
            html.close("g")
            html.markup("\n")
        }
        html.close("g")
        html.markup("\n")
        writeLegend(x: left, y: legendTop, width: legendWidth, to: &html)
        html.close("svg")
    }

    /// The ✕ over a masked cell, which is also hatched grey. Each cell is a coloured
    /// square titled with its labels and value; the row's `<g>` sets `y`, and the
    /// style sheet the side (`g.cells.size-28 rect`), which keeps large maps small.
    private func writeMaskMark(x: Double, size: Double, to html: inout HTMLWriter) {
        html.start("text")
        html.attribute("class", "mask-mark")
        html.attribute("x", coordinate: x + size / 2 - 0.5)
        html.attribute("y", coordinate: size / 2)
        html.attribute("text-anchor", "middle")
        html.attribute("dominant-baseline", "middle")
        html.attribute("aria-hidden", "true")
        html.end()
        html.markup("✕")
        html.close("text")
    }

    /// The identifier of the page's legend gradient, in the shared SVG definitions.
    static let legendGradientID = "legend-steps"
    /// The number of flat colour bands in a legend.
    static let legendSteps = 24

    /// A bar of palette steps (the page's shared gradient) with the values at its ends and middle.
    func writeLegend(x: Double, y: Double, width: Double, to html: inout HTMLWriter) {
        html.start("g")
        html.attribute("class", "legend")
        html.attribute("aria-hidden", "true")
        html.end()
        html.start("rect")
        html.attribute("x", coordinate: x)
        html.attribute("y", coordinate: y)
        html.attribute("width", coordinate: width)
        html.attribute("height", "10")
        html.attribute("fill", "url(#\(Self.legendGradientID))")
        html.endEmpty()
        let middle = (scale.lowerBound + scale.upperBound) / 2
        for (value, position, anchor) in [(scale.lowerBound, x, "start"), (middle, x + width / 2, "middle"),
                                          (scale.upperBound, x + width, "end")] {
            html.start("text")
            html.attribute("x", coordinate: position)
            html.attribute("y", coordinate: y + 24)
            html.attribute("text-anchor", anchor)
            html.end()
            html.fixed(value)
            html.close("text")
        }
        html.close("g")
        html.markup("\n")
    }

    private func fraction(of value: Double) -> Double {
        let span = scale.upperBound - scale.lowerBound
        return span > 0 ? (value - scale.lowerBound) / span : 0.5
    }

    private func shortened(_ label: String) -> String {
        label.count > maximumLabelLength ? String(label.prefix(maximumLabelLength - 1)) + "…" : label
    }

    /// The width of the widest label as drawn (shortened), by ``estimatedWidth(of:)``.
    private func labelWidth(_ labels: [String]) -> Double {
        labels.map { Self.estimatedWidth(of: shortened($0)) }.max() ?? 0
    }

    /// About how wide `label` is in the labels' 12-pixel sans-serif, from each character's
    /// class: an even 7.5 pixels clipped wide letters (the first `m` of "homme") and arrows
    /// (`→0`), whose boxes are half as wide again.
    static func estimatedWidth(of label: String) -> Double {
        func width(of scalar: Unicode.Scalar) -> Double {
            switch scalar.value {
            case 0x6D, 0x77, 0x4D, 0x57, 0x40, 0x25: 11.5  // m w M W @ %
            case 0x41...0x5A: 9  // other capitals
            case 0x20...0x7E: 7.5
            case 0x2E80...: 14  // CJK and emoji
            default: 11  // accented letters, Hebrew, arrows and other symbols
            }
        }
        return label.unicodeScalars.reduce(0) { $0 + width(of: $1) }
    }
}
