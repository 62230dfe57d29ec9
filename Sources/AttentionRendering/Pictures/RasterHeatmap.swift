import AttentionText
import AttentionTrace
import Foundation

/// Draws a huge tensor as pictures: one `<img>` per matrix slice holding an
/// 8-bit palette BMP of its summary's block means (``TensorSummary``) in the viridis colours,
/// with tick labels, a legend, `alt` text and a short summary table for screen
/// readers. No number of the tensor is embedded.
///
/// - Complexity: O(`largestSide`²) per picture, given the summary.
struct RasterHeatmap {
    /// The most pixels along either side of a picture on the page (the overview's alignment).
    static let largestSide = 256
    /// The most pixels along either side of a step's or a result's picture; with
    /// 60 huge tensors (eight heads over thousands of tokens) a page stays under 3 MB.
    static let stepSide = 128
    /// The number of viridis steps: more than the eye tells apart in a picture of block
    /// means (the legend has 24), and few enough that the palette is a small part of a small picture.
    static let colourSteps = 63
    /// The palette index of masked blocks; 0 through `colourSteps − 1` are the viridis scale.
    static let maskedIndex = UInt8(colourSteps)
    /// The colour of masked blocks, the light grey of the SVG heatmap's hatching.
    static let maskedColour: (red: UInt8, green: UInt8, blue: UInt8) = (0xd6, 0xd6, 0xd6)

    /// The colour scale, as ``Heatmap/fitted(to:)-swift.type.method`` chooses it.
    let heatmap: Heatmap
    /// What is drawn: the block means and extremes of each slice.
    let summary: TensorSummary

    /// A picture of `summary`, scaled to its unmasked values.
    init(_ summary: TensorSummary) {
        heatmap = .fitted(range: summary.range)
        self.summary = summary
    }

    /// The palette: ``colourSteps`` viridis steps and the masked grey.
    static let palette: [(red: UInt8, green: UInt8, blue: UInt8)] =
        (0..<colourSteps).map { Palette.viridis.channels(at: Double($0) / Double(colourSteps - 1)) } + [maskedColour]

    /// The BMP of a slice's block means, each block coloured by its place on the scale.
    func image(of slice: TensorSummary.Slice) -> BMPImage {
        let span = heatmap.scale.upperBound - heatmap.scale.lowerBound
        let blocks = slice.blockMeans
        let pixels = blocks.scalars.map { value -> UInt8 in
            if value == -.infinity { return Self.maskedIndex }
            let fraction = span > 0 ? (value - heatmap.scale.lowerBound) / span : 0.5
            return UInt8((min(max(fraction.isNaN ? 0 : fraction, 0), 1) * Double(Self.colourSteps - 1)).rounded())
        }
        return BMPImage(width: blocks.columnCount, height: blocks.rowCount, palette: Self.palette, pixels: pixels)
    }

    /// Writes a figure per slice of `tensor`, in a grid when there are several.
    func write(_ tensor: some DisplayedTensor, to html: inout HTMLWriter) {
        let slices = tensor.slices
        if slices.count > 1 {
            html.open("div", class: "heatmap-grid")
            html.markup("\n")
        }
        for (slice, summary) in zip(slices, summary.slices) {
            writeFigure(slice, of: tensor, summary: summary, to: &html)
        }
        if slices.count > 1 {
            html.close("div")
            html.markup("\n")
        }
    }

    private func writeFigure(_ slice: MatrixSlice, of tensor: some DisplayedTensor, summary: TensorSummary.Slice,
                             to html: inout HTMLWriter) {
        let bytes = image(of: summary).fileBytes
        let pixelRows = summary.blockMeans.rowCount, pixelColumns = summary.blockMeans.columnCount
        let scale = max(1, Self.largestSide / max(pixelRows, pixelColumns, 1))
        let width = max(pixelColumns * scale, 16), height = max(pixelRows * scale, 16)
        let rows = tensor.rowAxis?.name ?? "row", columns = tensor.columnAxis?.name ?? "column"
        let blocks = "\(summary.blockRows) × \(summary.blockColumns)"

        html.open("figure", class: "heatmap raster")
        html.start("img")
        html.attribute("class", "raster-heatmap")
        html.attribute("style", "image-rendering: pixelated")
        html.attribute("width", decimal: width)
        html.attribute("height", decimal: height)
        html.attribute("alt", "Picture of \(tensor.symbol.plainText), \(tensor.description)"
            + (slice.title.isEmpty ? "" : ", \(slice.title)")
            + ": \(slice.rows) × \(slice.columns) (rows \(rows), columns \(columns)), each pixel the mean of \(blocks) cells"
            + ", colour from \(NumberFormatting.fixed(heatmap.scale.lowerBound)) to \(NumberFormatting.fixed(heatmap.scale.upperBound))"
            + (summary.maskedCount > 0 ? ", fully masked blocks grey" : ""))
        html.attribute("src", "data:image/bmp;base64," + Data(bytes).base64EncodedString())
        html.end()
        html.markup("\n")
        html.open("p", class: "ticks")
        writeTicks("Rows", axis: rows, count: slice.rows, label: tensor.rowLabel, to: &html)
        html.open("br")
        writeTicks("Columns", axis: columns, count: slice.columns, label: tensor.columnLabel, to: &html)
        html.close("p")
        html.markup("\n")
        html.start("svg")
        html.attribute("class", "heatmap-svg")
        html.attribute("width", decimal: width + 40)
        html.attribute("height", "40")
        html.attribute("viewBox", "0 0 \(width + 40) 40")
        html.attribute("aria-hidden", "true")
        html.end()
        heatmap.writeLegend(x: 4, y: 2, width: Double(width), to: &html)
        html.close("svg")
        html.markup("\n")
        writeSummaryTable(summary, blocks: blocks, to: &html)
        if !slice.title.isEmpty { html.element("figcaption", text: slice.title) }
        html.close("figure")
        html.markup("\n")
    }

    /// `Rows (query): 0 “w0” · 1024 “w1024” · 2047 “w2047”`: the first, middle and last positions.
    private func writeTicks(_ name: String, axis: String, count: Int, label: (Int) -> String, to html: inout HTMLWriter) {
        let ticks = Array(Set([0, count / 2, count - 1].filter { $0 >= 0 })).sorted()
        html.text("\(name) (\(axis)): " + ticks.map { position in
            let text = label(position)
            return text == String(position) || text.isEmpty ? String(position) : "\(position) “\(text)”"
        }.joined(separator: " · "))
    }

    /// The minimum, maximum, mean and block size, visible only to screen readers.
    private func writeSummaryTable(_ summary: TensorSummary.Slice, blocks: String, to html: inout HTMLWriter) {
        html.start("table")
        html.attribute("style", "position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap")
        html.end()
        html.element("caption", text: "Summary of the picture")
        html.open("tbody")
        let rows = [("minimum", summary.minimum.map(NumberFormatting.fixed) ?? "none"),
                    ("maximum", summary.maximum.map(NumberFormatting.fixed) ?? "none"),
                    ("mean", summary.mean.map(NumberFormatting.fixed) ?? "none"),
                    ("masked cells", String(summary.maskedCount)), ("cells per pixel", blocks)]
        for (name, value) in rows {
            html.open("tr")
            html.start("th")
            html.attribute("scope", "row")
            html.end()
            html.text(name)
            html.close("th")
            html.element("td", text: value)
            html.close("tr")
        }
        html.close("tbody")
        html.close("table")
        html.markup("\n")
    }
}
