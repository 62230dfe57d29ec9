import AttentionText
import AttentionTrace
import Synchronization

/// Whether a MathML formula stands on its own line or sits in running text.
public enum MathMLDisplay: Sendable {
    /// `<math display="block">`: centred on a line of its own.
    case block
    /// `<math>`: inline with the surrounding text.
    case inline
}

extension Formula {
    /// The formula as a MathML `<math>` element.
    ///
    /// Single letters become italic `<mi>`, letter runs upright
    /// `<mi mathvariant="normal">`, numbers `<mn>`, scripts `<msub>`, `<msup>`
    /// or `<msubsup>`, `\frac` `<mfrac>`, `\sqrt` `<msqrt>`, and every other
    /// character `<mo>`. The plain-text form goes in `alttext`. Text that does
    /// not parse (unbalanced braces, a `\frac` without arguments) is shown
    /// escaped in an `<mtext>` rather than failing.
    ///
    /// - Parameter display: Whether the formula is a block or inline.
    /// - Returns: Markup safe to embed in HTML.
    public func mathML(display: MathMLDisplay = .block) -> String {
        (display == .block ? "<math display=\"block\"" : "<math") + mathMLAfterName
    }

    /// The MathML after `<math` and its `display` attribute; kept per text, since a
    /// page names the same symbols in many captions and labels.
    private var mathMLAfterName: String {
        if let known = mathMLRenderings.withLock({ $0[text] }) { return known }
        let rendering = mathMLRendering(of: self)
        mathMLRenderings.withLock { $0[text] = rendering }
        return rendering
    }
}

/// ` alttext="…">…</math>`: the MathML of `formula` after `<math` and the `display` attribute,
/// with its ``Formula/plainText`` as the `alttext`.
private func mathMLRendering(of formula: Formula) -> String {
    var html = HTMLWriter(capacity: 256)
    html.attribute("alttext", formula.plainText)
    html.end()
    if let nodes = try? FormulaParser.parse(formula.text) {
        for node in nodes { writeMathML(node, to: &html) }
    } else {
        html.element("mtext", text: formula.text)
    }
    html.close("math")
    return html.html
}

/// The MathML of every formula text seen so far (formulas are few; captions are many).
private let mathMLRenderings = Mutex<[String: String]>([:])

private func writeMathML(_ node: MathNode, to html: inout HTMLWriter) {
    /// Children of a script, fraction or root must each be one element.
    func single(_ child: MathNode) {
        if case .row(let children) = child {
            let visible = children.filter { $0 != .space }
            if visible.count == 1 { writeMathML(visible[0], to: &html); return }
        }
        writeMathML(child, to: &html)
    }
    switch node {
    case .identifier(let name): html.element("mi", text: name)
    case .functionName(let name):
        html.start("mi")
        html.attribute("mathvariant", "normal")
        html.end()
        html.text(name)
        html.close("mi")
    case .number(let digits): html.element("mn", text: digits)
    case .symbol(let symbol): html.element("mo", text: symbol)
    case .space: break
    case .row(let children):
        html.open("mrow")
        for child in children { writeMathML(child, to: &html) }
        html.close("mrow")
    case .scripted(let base, let sub, let sup):
        let name: StaticString = switch (sub, sup) {
        case (_?, _?): "msubsup"
        case (_?, nil): "msub"
        default: "msup"
        }
        html.open(name)
        single(base)
        if let sub { single(sub) }
        if let sup { single(sup) }
        html.close(name)
    case .fraction(let numerator, let denominator):
        html.open("mfrac")
        single(numerator)
        single(denominator)
        html.close("mfrac")
    case .squareRoot(let radicand):
        html.open("msqrt")
        single(radicand)
        html.close("msqrt")
    }
}
