/// A formula parsed from ``Formula`` notation: the tree that both the MathML
/// and the plain-text renderings are made from.
package indirect enum MathNode: Hashable, Sendable {
    /// A single letter: a variable, set in italics.
    case identifier(String)
    /// A run of letters such as `tanh` or `softmax`, set upright.
    case functionName(String)
    /// Digits and decimal points.
    case number(String)
    /// Any other character: an operator, bracket or symbol such as `=`, `(`, `⊙`.
    case symbol(String)
    /// Whitespace in the source; it separates tokens in plain text and is dropped in MathML.
    case space
    /// A braced group, or any sequence of nodes.
    case row([MathNode])
    /// A base with a subscript, a superscript, or both.
    case scripted(base: MathNode, subscript: MathNode?, superscript: MathNode?)
    /// `\frac{numerator}{denominator}`.
    case fraction(numerator: MathNode, denominator: MathNode)
    /// `\sqrt{radicand}`.
    case squareRoot(MathNode)

    /// Whether the node reads as one unit, so that plain text needs no parentheses around it.
    package var isSingleUnit: Bool {
        switch self {
        case .row(let children): children.filter { $0 != .space }.count <= 1
        case .fraction: false
        default: true
        }
    }
}
