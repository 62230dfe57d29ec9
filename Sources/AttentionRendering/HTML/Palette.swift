import AttentionText

/// A sequential colour scale for heatmaps, interpolated linearly between a few stops.
struct Palette {
    /// Colours from low to high as `(red, green, blue)` in 0...255, evenly spaced.
    let stops: [(red: Double, green: Double, blue: Double)]

    /// Viridis (van der Walt and Smith, matplotlib): perceptually uniform, readable
    /// with the common colour-vision deficiencies and in greyscale print.
    static let viridis = Palette(stops: [
        (68, 1, 84), (71, 45, 123), (59, 82, 139), (44, 114, 142), (33, 145, 140),
        (40, 174, 128), (94, 201, 98), (173, 220, 48), (253, 231, 37),
    ])

    /// The colour at `fraction` of the way from low (0) to high (1), as `#rrggbb`;
    /// fractions outside 0...1 are clamped.
    func color(at fraction: Double) -> String {
        let (red, green, blue) = channels(at: fraction)
        return String(unsafeUninitializedCapacity: 7) { text in
            let hexDigits: StaticString = "0123456789abcdef"
            text[0] = UInt8(ascii: "#")
            for (k, channel) in [red, green, blue].enumerated() {
                text[1 + 2 * k] = hexDigits.utf8Start[Int(channel >> 4)]
                text[2 + 2 * k] = hexDigits.utf8Start[Int(channel & 0xF)]
            }
            return 7
        }
    }

    /// The colour at `fraction` as `(red, green, blue)` bytes; fractions outside 0...1 are clamped.
    func channels(at fraction: Double) -> (red: UInt8, green: UInt8, blue: UInt8) {
        let position = min(max(fraction.isNaN ? 0 : fraction, 0), 1) * Double(stops.count - 1)
        let lower = min(Int(position), stops.count - 2)
        let t = position - Double(lower)
        let (a, b) = (stops[lower], stops[lower + 1])
        func mix(_ low: Double, _ high: Double) -> UInt8 { UInt8((low + (high - low) * t).rounded()) }
        return (mix(a.red, b.red), mix(a.green, b.green), mix(a.blue, b.blue))
    }

    /// An SVG `<linearGradient>` of `steps` flat bands from low to high, each the colour
    /// at its middle: a legend is then one rectangle filled with `url(#id)`.
    func legendGradient(id: String, steps: Int) -> String {
        var stops = ""
        for k in 0..<steps {
            let colour = color(at: (Double(k) + 0.5) / Double(steps))
            for offset in [Double(k) / Double(steps), Double(k + 1) / Double(steps)] {
                stops += "<stop offset=\"\(NumberFormatting.fixed(offset))\" stop-color=\"\(colour)\"/>"
            }
        }
        return "<linearGradient id=\"\(id)\">\(stops)</linearGradient>"
    }
}
