import AttentionText

/// One line of a ``lineChartHTML(_:caption:xAxis:yAxis:)`` chart: a name for its legend and its points.
public struct ChartSeries: Equatable, Sendable {
    /// The legend's text for the line.
    public var name: String
    /// The points, in the order the line joins them.
    public var points: [(x: Double, y: Double)]

    /// A named line through `points`.
    public init(name: String, points: [(x: Double, y: Double)]) {
        self.name = name
        self.points = points
    }

    public static func == (lhs: ChartSeries, rhs: ChartSeries) -> Bool {
        lhs.name == rhs.name && lhs.points.elementsEqual(rhs.points) { $0.x == $1.x && $0.y == $1.y }
    }
}

/// A line chart as an inline SVG figure: each series a `<path>` through its points (with a dot
/// and a `<title>` giving the values at each), axes with ticks at the ends and the middle of both
/// ranges, and a legend. Page text (names, axis titles, caption) is escaped here.
///
/// The y range runs from the smallest to the largest finite value of every series (from 0 when
/// they are all in 0…1, as rates are); a point that is not finite is left out of its line.
///
/// - Parameters:
///   - series: The lines, coloured along the palette in order.
///   - caption: Text under the chart.
///   - xAxis: The x axis's title.
///   - yAxis: The y axis's title.
/// - Returns: The figure as HTML.
public func lineChartHTML(_ series: [ChartSeries], caption: String, xAxis: String, yAxis: String) -> String {
    LineChart(series: series).html(caption: caption, xAxis: xAxis, yAxis: yAxis)
}

/// The geometry of a ``lineChartHTML(_:caption:xAxis:yAxis:)`` chart: value ranges mapped onto a
/// fixed plot area, `x ↦ left + (x − x₀)/(x₁ − x₀) · width`, `y ↦ top + (y₁ − y)/(y₁ − y₀) · height`.
private struct LineChart {
    let series: [ChartSeries]
    let left = 56.0, top = 16.0, width = 360.0, height = 180.0
    let xRange: ClosedRange<Double>
    let yRange: ClosedRange<Double>

    init(series: [ChartSeries]) {
        self.series = series
        let points = series.flatMap(\.points).filter { $0.x.isFinite && $0.y.isFinite }
        let xs = points.map(\.x), ys = points.map(\.y)
        func range(_ values: [Double], fromZero: Bool) -> ClosedRange<Double> {
            guard var low = values.min(), let high = values.max() else { return 0...1 }
            if fromZero { low = min(low, 0) }
            return high > low ? low...high : (low - 0.5)...(high + 0.5)
        }
        xRange = range(xs, fromZero: false)
        yRange = range(ys, fromZero: ys.allSatisfy { (0...1).contains($0) })
    }

    func x(_ value: Double) -> Double {
        left + (value - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound) * width
    }

    func y(_ value: Double) -> Double {
        top + (yRange.upperBound - value) / (yRange.upperBound - yRange.lowerBound) * height
    }

    func color(_ index: Int) -> String {
        Palette.viridis.color(at: series.count <= 1 ? 0.2 : 0.15 + 0.6 * Double(index) / Double(series.count - 1))
    }

    func html(caption: String, xAxis: String, yAxis: String) -> String {
        var html = HTMLWriter(capacity: 4096)
        let (svgWidth, svgHeight) = (left + width + 24, top + height + 48 + 18 * Double(series.count))
        html.open("figure", class: "line-chart")
        html.start("svg")
        html.attribute("role", "img")
        html.attribute("class", "line-chart-svg")
        html.attribute("width", coordinate: svgWidth)
        html.attribute("height", coordinate: svgHeight)
        html.startAttribute("viewBox")
        html.markup("0 0 ")
        html.coordinate(svgWidth)
        html.markup(" ")
        html.coordinate(svgHeight)
        html.endAttribute()
        html.attribute("aria-label", "\(caption): \(yAxis) against \(xAxis)")
        html.attribute("font-size", "12")
        html.end()
        html.markup("\n")
        writeAxes(xAxis: xAxis, yAxis: yAxis, to: &html)
        for (index, line) in series.enumerated() { write(line, color: color(index), to: &html) }
        for (index, line) in series.enumerated() {
            let rowY = top + height + 44 + 18 * Double(index)
            html.start("rect")
            html.attribute("x", coordinate: left)
            html.attribute("y", coordinate: rowY - 9)
            html.attribute("width", "14")
            html.attribute("height", "4")
            html.attribute("fill", color(index))
            html.endEmpty()
            text(line.name, x: left + 20, y: rowY - 5, anchor: "start", to: &html)
        }
        html.close("svg")
        html.element("figcaption", text: caption)
        html.close("figure")
        html.markup("\n")
        return html.html
    }

    private func writeAxes(xAxis: String, yAxis: String, to html: inout HTMLWriter) {
        html.start("path")
        html.attribute("class", "axes")
        html.startAttribute("d")
        html.markup("M")
        html.coordinate(left)
        html.markup(" ")
        html.coordinate(top)
        html.markup("V")
        html.coordinate(top + height)
        html.markup("H")
        html.coordinate(left + width)
        html.endAttribute()
        html.attribute("fill", "none")
        html.attribute("stroke", "currentColor")
        html.endEmpty()
        html.markup("\n")
        let middle = { (range: ClosedRange<Double>) in (range.lowerBound + range.upperBound) / 2 }
        for value in [xRange.lowerBound, middle(xRange), xRange.upperBound] {
            text(NumberFormatting.exact((value * 100).rounded() / 100), x: x(value), y: top + height + 16, anchor: "middle", to: &html)
        }
        for value in [yRange.lowerBound, middle(yRange), yRange.upperBound] {
            text(NumberFormatting.fixed(value), x: left - 6, y: y(value) + 4, anchor: "end", to: &html)
        }
        text(xAxis, x: left + width / 2, y: top + height + 32, anchor: "middle", to: &html)
        text(yAxis, x: left, y: top - 4, anchor: "start", to: &html)
    }

    private func write(_ line: ChartSeries, color: String, to html: inout HTMLWriter) {
        let points = line.points.filter { $0.x.isFinite && $0.y.isFinite }
        guard !points.isEmpty else { return }
        html.start("path")
        html.attribute("class", "series")
        html.startAttribute("d")
        for (index, point) in points.enumerated() {
            if index == 0 { html.markup("M") } else { html.markup(" L") }
            html.coordinate(x(point.x))
            html.markup(" ")
            html.coordinate(y(point.y))
        }
        html.endAttribute()
        html.attribute("fill", "none")
        html.attribute("stroke", color)
        html.attribute("stroke-width", "2")
        html.endEmpty()
        html.markup("\n")
        for point in points {
            html.start("circle")
            html.attribute("cx", coordinate: x(point.x))
            html.attribute("cy", coordinate: y(point.y))
            html.attribute("r", "3")
            html.attribute("fill", color)
            html.end()
            html.start("title")
            html.end()
            html.text("\(line.name) at \(NumberFormatting.exact(point.x)): \(NumberFormatting.fixed(point.y))")
            html.close("title")
            html.close("circle")
            html.markup("\n")
        }
    }

    private func text(_ content: String, x: Double, y: Double, anchor: String, to html: inout HTMLWriter) {
        html.start("text")
        html.attribute("x", coordinate: x)
        html.attribute("y", coordinate: y)
        html.attribute("text-anchor", anchor)
        html.attribute("fill", "currentColor")
        html.end()
        html.text(content)
        html.close("text")
    }
}
