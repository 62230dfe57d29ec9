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
        (display == .block ? "<math display=\"block\" " : "<math ") + rendering.mathMLAfterTag
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

/// A formula's plain text and its MathML after `<math `.
private struct FormulaRendering: Sendable {
    let plainText: String
    /// `alttext="…">…</math>`.
    let mathMLAfterTag: String

    init(_ text: String) {
        guard let nodes = try? FormulaParser.parse(text) else {
            plainText = text
            var html = TextBuffer()
            html += "alttext=\""
            appendEscapedHTML(text, to: &html)
            html += "\"><mtext>"
            appendEscapedHTML(text, to: &html)
            html += "</mtext></math>"
            mathMLAfterTag = html.text
            return
        }
        var plain = ""
        for node in nodes { appendPlainText(node, to: &plain) }
        plainText = plain
        var html = TextBuffer()
        html += "alttext=\""
        appendEscapedHTML(plain, to: &html)
        html += "\">"
        for node in nodes { appendMathML(node, to: &html) }
        html += "</math>"
        mathMLAfterTag = html.text
    }
}

/// The renderings of every formula text seen so far (formulas are few; captions are many).
private let formulaRenderings = Mutex<[String: FormulaRendering]>([:])

private func appendMathML(_ node: MathNode, to html: inout TextBuffer) {
    func element(_ name: String, _ content: String, attributes: String = "") {
        html += "<\(name)\(attributes)>"
        appendEscapedHTML(content, to: &html)
        html += "</\(name)>"
    }
    /// Children of a script, fraction or root must each be one element.
    func single(_ child: MathNode) {
        if case .row(let children) = child {
            let visible = children.filter { $0 != .space }
            if visible.count == 1 { appendMathML(visible[0], to: &html); return }
        }
        appendMathML(child, to: &html)
    }
    switch node {
    case .identifier(let name): element("mi", name)
    case .functionName(let name): element("mi", name, attributes: " mathvariant=\"normal\"")
    case .number(let digits): element("mn", digits)
    case .symbol(let symbol): element("mo", symbol)
    case .space: break
    case .row(let children):
        html += "<mrow>"
        for child in children { appendMathML(child, to: &html) }
        html += "</mrow>"
    case .scripted(let base, let sub, let sup):
        let name = switch (sub, sup) {
        case (_?, _?): "msubsup"
        case (_?, nil): "msub"
        default: "msup"
        }
        html += "<\(name)>"
        single(base)
        if let sub { single(sub) }
        if let sup { single(sup) }
        html += "</\(name)>"
    case .fraction(let numerator, let denominator):
        html += "<mfrac>"
        single(numerator)
        single(denominator)
        html += "</mfrac>"
    case .squareRoot(let radicand):
        html += "<msqrt>"
        single(radicand)
        html += "</msqrt>"
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
