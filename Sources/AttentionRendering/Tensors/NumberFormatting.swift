import Foundation

/// Shows every number in tables with the same four decimals, so columns line up
/// and a reader can compare magnitudes at a glance.
enum NumberFormatting {
    /// `value` with four decimals (`-0.0000` written as `0.0000`); `masked` for −∞.
    static func fixed(_ value: Double) -> String {
        if value == -.infinity { return "masked" }
        let text = String(format: "%.4f", value)
        return text == "-0.0000" ? "0.0000" : text
    }

    /// `value` in the shortest form that reads back as the same Double, as in `0.1` or `0.25`.
    static func exact(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
