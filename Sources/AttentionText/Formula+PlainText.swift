import AttentionTrace
import Synchronization

extension Formula {
    /// The formula as plain text for Markdown, MathML's `alttext` and derivations:
    /// braces dropped, `_` and `^` kept, `\frac{a}{b}` as `a/b` and `\sqrt{a}` as `√a`,
    /// with parentheses where a group of several tokens would otherwise be ambiguous.
    ///
    /// Text that does not parse is returned unchanged. Each text is parsed once,
    /// since a page names the same symbols in many captions, labels and derivations.
    public var plainText: String {
        if let known = plainTexts.withLock({ $0[text] }) { return known }
        let plain: String
        if let nodes = try? FormulaParser.parse(text) {
            var written = ""
            for node in nodes { appendPlainText(node, to: &written) }
            plain = written
        } else {
            plain = text
        }
        plainTexts.withLock { $0[text] = plain }
        return plain
    }
}

/// The plain text of every formula text seen so far (formulas are few; captions are many).
private let plainTexts = Mutex<[String: String]>([:])

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
