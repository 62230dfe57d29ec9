import AttentionTrace
import Synchronization

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

    /// `value` with four decimals and a true minus sign; `−∞` for negative infinity.
    static func number(_ value: Double) -> String {
        if value == -.infinity { return "−∞" }
        let text = NumberFormatting.fixed(value)
        return text.hasPrefix("-") ? "−" + text.dropFirst() : text
    }

    /// ``number(_:)`` in parentheses when negative, for a factor of a product: `(−0.4000)`.
    static func factor(_ value: Double) -> String {
        let text = number(value)
        return text.hasPrefix("−") ? "(\(text))" : text
    }

    /// `terms` joined by `separator`, eliding the middle when there are more than
    /// ``maximumTerms``, with the count of terms after an elision: `a + b + c + d + … + y + z (64 terms)`.
    ///
    /// - Complexity: O(``maximumTerms``) terms are read, however many there are.
    static func joined(count: Int, separator: String, term: (Int) -> String) -> String {
        guard count > maximumTerms else {
            return (0..<count).map(term).joined(separator: separator)
        }
        let shown = (0..<leadingTerms).map(term) + ["…"] + ((count - trailingTerms)..<count).map(term)
        return shown.joined(separator: separator) + " (\(count) terms)"
    }

    /// A short name for a tensor in a derivation: its symbol when that is one
    /// word (`v_a`, `u` for `u_i`), else its identifier (`t0.score.pre`).
    ///
    /// A trailing generic subscript `_i` or `_t` is dropped, since the
    /// reference's indices take its place.
    ///
    /// Derivations ask for a name once per term of every cell, so each symbol's
    /// plain text is computed once and kept.
    static func name(of tensor: TracedTensor) -> String {
        var symbol = plainSymbols.withLock { cache in
            if let known = cache[tensor.symbol] { return known }
            let text = Formula(tensor.symbol).plainText
            cache[tensor.symbol] = text
            return text
        }
        for suffix in ["_i", "_t"] where symbol.hasSuffix(suffix) && symbol.count > suffix.count {
            symbol.removeLast(suffix.count)
        }
        return symbol.isEmpty || symbol.contains(where: \.isWhitespace) ? tensor.id : symbol
    }
}

/// The plain text of every symbol seen so far (symbols are few; cells are many).
private let plainSymbols = Mutex<[String: String]>([:])
