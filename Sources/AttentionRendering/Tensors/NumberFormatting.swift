import Foundation

/// Shows every number in tables with the same four decimals, so columns line up
/// and a reader can compare magnitudes at a glance.
enum NumberFormatting {
    /// `value` with four decimals (`-0.0000` written as `0.0000`); `masked` for −∞.
    ///
    /// The text is exactly C's `%.4f` (the exact binary value rounded half to even).
    /// Every magnitude below ``largestFastMagnitude`` is written without `printf`,
    /// since a page formats thousands of numbers.
    static func fixed(_ value: Double) -> String {
        if value == -.infinity { return "masked" }
        guard let units = tenThousandths(of: value.magnitude) else {
            let text = printedWithFourDecimals(value)
            return text == "-0.0000" ? "0.0000" : text
        }
        return decimalText(units: units, negative: value < 0)
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

    /// `units` ten-thousandths as `12.3456`, with a minus sign when `negative` and not zero.
    ///
    /// The digits are written backwards into a stack buffer; the text of up to 15
    /// bytes (any magnitude below 10⁹) is then a small string, with no allocation.
    private static func decimalText(units: UInt64, negative: Bool) -> String {
        // At most 20 digits, the point and the sign.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 22) { buffer in
            var start = buffer.count
            func prepend(_ byte: UInt8) {
                start -= 1
                buffer[start] = byte
            }
            var rest = units
            for position in 0... {
                prepend(UInt8(truncatingIfNeeded: rest % 10) + UInt8(ascii: "0"))
                rest /= 10
                if position == 3 { prepend(UInt8(ascii: ".")) }
                if position >= 4 && rest == 0 { break }
            }
            if negative && units > 0 { prepend(UInt8(ascii: "-")) }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[start...]), as: UTF8.self)
        }
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
    static func exact(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
