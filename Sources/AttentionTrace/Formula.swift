/// A formula in a small TeX-like notation that renderers turn into MathML or plain text.
///
/// The notation: single letters are variables (italic), runs of two or more
/// letters are function names (upright: `tanh`, `softmax`), digits and `.` form
/// numbers, `_x` and `^x` attach a subscript or superscript (a single character
/// or a `{group}`), `\frac{a}{b}` and `\sqrt{a}` build fractions and roots, and
/// every other character (`= + − · ( ) [ ] ; , ⊙ Σ α`) stands for itself.
public struct Formula: Codable, Hashable, Sendable, ExpressibleByStringInterpolation {
    /// The source text in the notation above.
    public var text: String

    /// Creates a formula from its notation.
    public init(_ text: String) { self.text = text }

    /// Creates a formula from a string literal.
    public init(stringLiteral text: String) { self.text = text }

    public init(from decoder: Decoder) throws {
        text = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
