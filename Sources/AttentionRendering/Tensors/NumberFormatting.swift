import Foundation

/// Shows every number in tables with the same four decimals, so columns line up
/// and a reader can compare magnitudes at a glance.
enum NumberFormatting {
    /// `value` with four decimals (`-0.0000` written as `0.0000`); `masked` for −∞.
    static func fixed(_ value: Double) -> String {
        if value == -.infinity { return "masked" }
        let text = printedWithFourDecimals(value)
        return text == "-0.0000" ? "0.0000" : text
    }

    /// `value` printed by C's `vsnprintf` with `%.4f`, which rounds correctly and, unlike
    /// Foundation's `String(format:)`, costs little enough for large tables.
    ///
    /// The buffer holds any Double with a few decimals: at most 309 integer digits.
    private static func printedWithFourDecimals(_ value: Double) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 400) { buffer in
            guard let start = buffer.baseAddress else { return "\(value)" }
            let length = withVaList([value]) { vsnprintf(start, buffer.count, "%.4f", $0) }
            return String(decoding: UnsafeRawBufferPointer(start: start, count: min(max(Int(length), 0), buffer.count - 1)),
                          as: UTF8.self)
        }
    }

    /// `value` in the shortest form that reads back as the same Double, as in `0.1` or `0.25`.
    static func exact(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
