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
        (display == .block ? "<math display=\"block\"" : "<math") + rendering.mathMLAfterName
    }

    /// The formula as plain text for Markdown and `alttext`: braces dropped,
    /// `_` and `^` kept, `\frac{a}{b}` as `a/b` and `\sqrt{a}` as `√a`, with
    /// parentheses where a group of several tokens would otherwise be ambiguous.
    ///
    /// Text that does not parse is returned unchanged.
    public var plainText: String {
        rendering.plainText
    }

    /// Both renderings, from one parse of the text; kept per text, since a page
    /// names the same symbols in many captions, labels and derivations.
    private var rendering: FormulaRendering {
        if let known = formulaRenderings.withLock({ $0[text] }) { return known }
        let rendering = FormulaRendering(text)
        formulaRenderings.withLock { $0[text] = rendering }
        return rendering
    }
}

/// A formula's plain text and its MathML after `<math` and the `display` attribute.
private struct FormulaRendering: Sendable {
    let plainText: String
    /// ` alttext="…">…</math>`.
    let mathMLAfterName: String

    init(_ text: String) {
        var html = HTMLWriter(capacity: 256)
        guard let nodes = try? FormulaParser.parse(text) else {
            plainText = text
            html.attribute("alttext", text)
            html.end()
            html.element("mtext", text: text)
            html.close("math")
            mathMLAfterName = html.html
            return
        }
        var plain = ""
        for node in nodes { appendPlainText(node, to: &plain) }
        plainText = plain
        html.attribute("alttext", plain)
        html.end()
        for node in nodes { writeMathML(node, to: &html) }
        html.close("math")
        mathMLAfterName = html.html
    }
}

/// The renderings of every formula text seen so far (formulas are few; captions are many).
private let formulaRenderings = Mutex<[String: FormulaRendering]>([:])

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

private func appendPlainText(_ node: MathNode, to text: inout String) {
    func grouped(_ child: MathNode) {
        if child.isSingleUnit {
            appendPlainText(child, to: &text)
        } else {
            text += "("
            appendPlainText(child, to: &text)
            text += ")"
        }
    }
    switch node {
    case .identifier(let name), .functionName(let name), .number(let name), .symbol(let name):
        text += name
    case .space:
        text += " "
    case .row(let children):
        for child in children { appendPlainText(child, to: &text) }
    case .scripted(let base, let sub, let sup):
        grouped(base)
        if let sub { text += "_"; grouped(sub) }
        if let sup { text += "^"; grouped(sup) }
    case .fraction(let numerator, let denominator):
        grouped(numerator)
        text += "/"
        grouped(denominator)
    case .squareRoot(let radicand):
        text += "√"
        grouped(radicand)
    }
}
