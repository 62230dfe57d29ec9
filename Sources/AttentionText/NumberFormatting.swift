import Foundation

/// Shows every number in tables with the same four decimals, so columns line up
/// and a reader can compare magnitudes at a glance.
package enum NumberFormatting {
    /// `value` with four decimals (`-0.0000` written as `0.0000`); `masked` for −∞.
    ///
    /// The text is exactly C's `%.4f` (the exact binary value rounded half to even).
    /// Every magnitude below ``largestFastMagnitude`` is written without `printf`,
    /// since a page formats thousands of numbers; its digits are written into a
    /// stack buffer, and up to 15 bytes (any magnitude below 10⁹) make a small
    /// string, with no allocation.
    package static func fixed(_ value: Double) -> String {
        guard value != -.infinity, let units = tenThousandths(of: value.magnitude) else { return slowlyFixed(value) }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: longestFastText) { buffer in
            let length = write(units: units, negative: value < 0, into: buffer)
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[..<length]), as: UTF8.self)
        }
    }

    /// Appends ``fixed(_:)`` of `value` to `text`, writing its digits in place.
    package static func appendFixed(_ value: Double, to text: inout TextBuffer) {
        guard value != -.infinity, let units = tenThousandths(of: value.magnitude) else {
            text += slowlyFixed(value)
            return
        }
        text.appendBytes(maximumCount: longestFastText) { write(units: units, negative: value < 0, into: $0) }
    }

    /// ``fixed(_:)`` for −∞ (`masked`) and for the values ``tenThousandths(of:)`` leaves to `printf`.
    private static func slowlyFixed(_ value: Double) -> String {
        if value == -.infinity { return "masked" }
        let text = printedWithFourDecimals(value)
        return text == "-0.0000" ? "0.0000" : text
    }

    /// The largest magnitude ``fixed(_:)`` writes itself: its ten-thousandths fit in a `UInt64`.
    static let largestFastMagnitude = 1e14

    /// `magnitude · 10⁴` rounded half to even, computed exactly from the binary value,
    /// or `nil` when the magnitude is not finite or at least ``largestFastMagnitude``.
    ///
    /// A finite double is `significand · 2^exponent`; with `significand < 2⁵³` the
    /// product `significand · 10⁴` fits in 67 bits, so one 128-bit shift gives the
    /// quotient and the remainder that decide the rounding.
    private static func tenThousandths(of magnitude: Double) -> UInt64? {
        guard magnitude < largestFastMagnitude else { return nil }
        let exponentBits = Int(magnitude.exponentBitPattern)
        let significand = magnitude.significandBitPattern | (exponentBits == 0 ? 0 : 1 << 52)
        let shift = 1075 - max(exponentBits, 1)  // at least 6, since magnitude < 2⁴⁷
        let scaled = UInt128(significand) * 10_000
        guard shift < 68 else { return 0 }  // below 2⁻⁶⁸ · 2⁶⁷: less than one half
        let quotient = scaled >> shift
        let remainder = scaled - quotient << shift
        let half = UInt128(1) << (shift - 1)
        let roundsUp = remainder > half || (remainder == half && quotient & 1 == 1)
        return UInt64(quotient) + (roundsUp ? 1 : 0)
    }

    /// The longest text ``write(units:negative:into:)`` writes: 20 digits, the point and the sign.
    private static let longestFastText = 22

    /// Writes `units` ten-thousandths as `12.3456`, with a minus sign when `negative`
    /// and not zero, at the start of `buffer` (at least ``longestFastText`` bytes).
    ///
    /// - Returns: The number of bytes written.
    private static func write(units: UInt64, negative: Bool, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        // Left to right, each digit into its place: the integer part's length is counted first,
        // so no digit is written twice and nothing is reversed (a table's numbers are most of a page).
        let zero = UInt8(ascii: "0")
        var length = 0
        if negative && units > 0 {
            buffer[0] = UInt8(ascii: "-")
            length = 1
        }
        let integer = units / 10_000
        var digits = 1, power: UInt64 = 10
        while digits < 20 && integer >= power {
            digits += 1
            power = power &* 10
        }
        var rest = integer
        for position in stride(from: length + digits - 1, through: length, by: -1) {
            buffer[position] = UInt8(truncatingIfNeeded: rest % 10) + zero
            rest /= 10
        }
        length += digits
        buffer[length] = UInt8(ascii: ".")
        var fraction = units % 10_000
        for position in stride(from: length + 4, through: length + 1, by: -1) {
            buffer[position] = UInt8(truncatingIfNeeded: fraction % 10) + zero
            fraction /= 10
        }
        return length + 5
    }

    /// `value` printed by C's `vsnprintf` with `%.4f`: for magnitudes from
    /// ``largestFastMagnitude`` and for infinity and NaN.
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
    package static func exact(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
