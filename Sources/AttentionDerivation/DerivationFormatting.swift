import AttentionText
import AttentionTrace

/// How derivations write numbers and cell references.
///
/// Numbers have the four decimals of the tables, with a true minus sign
/// (`−0.4000`) and `−∞` for a masked entry, so a derivation ends with exactly
/// the number its table shows.
enum DerivationFormatting {
    /// The most terms of a sum or a list written out; longer ones keep the
    /// first ``leadingTerms`` and the last ``trailingTerms`` around an ellipsis.
    static let maximumTerms = 8
    /// The terms kept before the ellipsis of an elided sum.
    static let leadingTerms = 4
    /// The terms kept after the ellipsis of an elided sum.
    static let trailingTerms = 2

    /// `value` with four decimals and a true minus sign; ``masked`` for negative infinity.
    static func number(_ value: Double) -> String {
        if value == -.infinity { return masked }
        let text = NumberFormatting.fixed(value)
        return text.hasPrefix("-") ? "−" + text.dropFirst() : text
    }

    /// How a masked entry (−∞) is written.
    static let masked = "−∞"
    /// How zero, and any value that rounds to it, is written.
    static let zero = "0.0000"

    /// A number as ``number(_:)`` writes it, in parentheses when negative, for a factor of a product: `(−0.4000)`.
    static func factor(_ text: String) -> String {
        text.hasPrefix("−") ? "(\(text))" : text
    }

    /// A number as ``number(_:)`` writes it, negated: what ``number(_:)`` writes for the
    /// negated value, since `%.4f` rounds a value and its negation alike.
    static func negated(_ text: String) -> String {
        text == zero ? text : text.hasPrefix("−") ? String(text.dropFirst()) : "−" + text
    }

    /// The indices of the terms a sum or list of `count` terms writes out: all of them up
    /// to ``maximumTerms``, otherwise the first ``leadingTerms`` and the last ``trailingTerms``.
    static func shownTerms(count: Int) -> [Int] {
        count > maximumTerms ? Array(0..<leadingTerms) + Array((count - trailingTerms)..<count) : Array(0..<count)
    }

    /// A short name for a tensor in a derivation: its symbol when that is one
    /// word (`v_a`, `u` for `u_i`), else its identifier (`t0.score.pre`).
    ///
    /// A trailing generic subscript `_i` or `_t` is dropped, since the
    /// reference's indices take its place.
    static func name(of tensor: TracedTensor) -> String {
        var symbol = Formula(tensor.symbol).plainText
        for suffix in ["_i", "_t"] where symbol.hasSuffix(suffix) && symbol.count > suffix.count {
            symbol.removeLast(suffix.count)
        }
        return symbol.isEmpty || symbol.contains(where: \.isWhitespace) ? tensor.id : symbol
    }
}
