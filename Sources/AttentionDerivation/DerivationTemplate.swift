import AttentionTrace

/// How every cell of one tensor is derived, as lines of text with holes for the
/// cell's indices and for recorded values: the one form in which a derivation is
/// written.
///
/// ``DerivationTemplate/init(rule:hasValues:)`` writes a tensor's template from its
/// ``DerivationRule``, one case per ``Operation``; that is the only place that knows
/// what an operation's derivation says. Two generic interpreters fill a template for
/// a cell: ``filled(at:shape:value:template:)`` in Swift (for `attention-trace explain`)
/// and `derivation.js` on a page (over the template and values of the tensor's data
/// island). Neither knows any operation, and neither computes a number: every number
/// shown is a recorded value, written as its table prints it.
///
/// The JSON form, which a page's data island holds, is
/// `{"tensors":["t0.score.e","t0.score.u",…],"lines":[…],"facts":[[…]],"excerpts":[null,{…}]}`
/// (`facts` and `excerpts` only when there are any); `Docs/architecture.md` ("How a page
/// explains a cell") describes the hole syntax.
package struct DerivationTemplate: Equatable, Sendable {
    /// The tensors the holes read, by slot: slot 0 is the tensor itself.
    var tensors: [TensorID]
    /// Per slot, the recorded cells of a tensor a page does not embed, or `nil`.
    var excerpts: [ValueExcerpt?]
    /// Lists of text the holes `{@n:index}` pick from: a label per row, a fact per cell.
    var facts: [[String]] = []
    /// The lines, in reading order; a line whose conditions do not all hold is left out.
    var lines: [TemplateLine] = []
}

/// One line of a ``DerivationTemplate``: text with holes, or the lines of another
/// tensor's derivation at a cell, shown only when all its conditions hold.
struct TemplateLine: Equatable, Sendable {
    /// What the line shows.
    enum Content: Equatable, Sendable {
        /// Text with holes.
        case text(TemplateText)
        /// The derivation of the cell (`row`, `column`) of the tensor in `slot`, where its template is known.
        case continuation(slot: Int, row: TemplateIndex, column: TemplateIndex)
    }

    /// The conditions that must all hold for the line to be shown.
    var conditions: [TemplateCondition] = []
    /// What the line shows.
    var content: Content
}

/// A comparison of two filled texts: `["{j}","<=","{i}"]` or `["{v2:i,j}","=","0.0000"]`.
struct TemplateCondition: Equatable, Sendable {
    /// How the two sides compare: `=` and `!=` compare the texts, `<` and `<=` the integers they spell.
    enum Relation: String, Sendable {
        case equal = "="
        case notEqual = "!="
        case less = "<"
        case lessOrEqual = "<="
    }

    var left: TemplateText
    var relation: Relation
    var right: TemplateText
}

/// Text with holes, in the source form templates are stored in.
///
/// A hole is `{…}` holding one of
/// - an index expression (``TemplateIndex``): `{i}`, `{j-2}`, `{3*s+i}`, written as the integer it gives;
/// - a recorded value `{vN:row,column}` of the tensor in slot `N` at the cell its two index
///   expressions give, as tables print it with a true minus sign (`−0.4000`, `−∞` when masked,
///   `?` when unknown); `{fN:…}` writes it as a factor of a product (parenthesised when negative)
///   and `{nN:…}` negated;
/// - a fact `{@N:index}`: entry `index` of the template's fact list `N`.
///
/// Literal braces are doubled (`{{`, `}}`). Building a text by interpolation escapes every
/// interpolated `String` and inserts ``TemplateText`` and ``TemplateIndex`` values as holes,
/// so a tensor name or label can never be read as a hole.
struct TemplateText: Equatable, Sendable, ExpressibleByStringInterpolation {
    /// The stored form, holes and doubled braces included.
    var source: String

    init(source: String) { self.source = source }

    init(stringLiteral text: String) { source = Self.escaped(text) }

    init(stringInterpolation: StringInterpolation) { source = stringInterpolation.source }

    struct StringInterpolation: StringInterpolationProtocol {
        var source = ""

        init(literalCapacity: Int, interpolationCount: Int) {
            source.reserveCapacity(literalCapacity + 8 * interpolationCount)
        }

        mutating func appendLiteral(_ literal: String) { source += TemplateText.escaped(literal) }
        mutating func appendInterpolation(_ text: String) { source += TemplateText.escaped(text) }
        mutating func appendInterpolation(_ number: Int) { source += String(number) }
        mutating func appendInterpolation(_ text: TemplateText) { source += text.source }
        mutating func appendInterpolation(_ index: TemplateIndex) { source += index.text.source }
    }

    /// `text` with its braces doubled, so that it reads as itself.
    ///
    /// Looked for in the UTF-8 bytes: a brace is one byte that no other character contains, and
    /// iterating `Character`s would break every literal of every template into graphemes.
    static func escaped(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "}") }) else { return text }
        return text.replacingOccurrences(of: "{", with: "{{").replacingOccurrences(of: "}", with: "}}")
    }

    /// The hole `{@fact:index}`: entry `index` of fact list `fact`.
    static func fact(_ fact: Int, at index: TemplateIndex) -> TemplateText {
        TemplateText(source: "{@\(fact):\(index.expression)}")
    }

    /// The texts joined by `separator`.
    static func joined(_ texts: [TemplateText], separator: String) -> TemplateText {
        TemplateText(source: texts.map(\.source).joined(separator: escaped(separator)))
    }

    static func + (left: TemplateText, right: TemplateText) -> TemplateText {
        TemplateText(source: left.source + right.source)
    }
}

/// An integer that depends on the cell: `a·s + b·i + c·j + d`, where `i` and `j` are the
/// cell's row and column and `s` the number of its matrix in a stack (its leading indices,
/// row-major; 0 for a vector or a matrix).
///
/// Written `i`, `j-1`, `2*s+i`, `3`: terms joined by `+` and `-`, each an integer, a variable,
/// or an integer, `*` and a variable.
struct TemplateIndex: Equatable, Sendable, ExpressibleByIntegerLiteral {
    var s = 0, i = 0, j = 0, constant = 0

    init(s: Int = 0, i: Int = 0, j: Int = 0, constant: Int = 0) {
        (self.s, self.i, self.j, self.constant) = (s, i, j, constant)
    }

    init(integerLiteral value: Int) { constant = value }

    /// The cell's row.
    static let row = TemplateIndex(i: 1)
    /// The cell's column.
    static let column = TemplateIndex(j: 1)
    /// The number of the cell's matrix in a stack.
    static let matrix = TemplateIndex(s: 1)

    /// Whether the value is the same for every cell.
    var isConstant: Bool { s == 0 && i == 0 && j == 0 }

    /// The expression as holes write it: `2*s+i-1`, or `0`.
    var expression: String {
        var text = ""
        for (coefficient, variable) in [(s, "s"), (i, "i"), (j, "j")] where coefficient != 0 {
            text += coefficient < 0 ? "-" : text.isEmpty ? "" : "+"
            text += (coefficient.magnitude == 1 ? "" : "\(coefficient.magnitude)*") + variable
        }
        if constant != 0 || text.isEmpty { text += constant < 0 || text.isEmpty ? String(constant) : "+\(constant)" }
        return text
    }

    /// The index in a line: its digits when constant, else the hole `{expression}`.
    var text: TemplateText {
        TemplateText(source: isConstant ? String(constant) : "{\(expression)}")
    }

    /// The value for the cell in row `i`, column `j` of matrix `s`.
    func value(s: Int, i: Int, j: Int) -> Int {
        self.s * s + self.i * i + self.j * j + constant
    }

    static func + (left: TemplateIndex, right: TemplateIndex) -> TemplateIndex {
        TemplateIndex(s: left.s + right.s, i: left.i + right.i, j: left.j + right.j, constant: left.constant + right.constant)
    }

    static func - (left: TemplateIndex, right: TemplateIndex) -> TemplateIndex {
        TemplateIndex(s: left.s - right.s, i: left.i - right.i, j: left.j - right.j, constant: left.constant - right.constant)
    }

    static func * (factor: Int, index: TemplateIndex) -> TemplateIndex {
        TemplateIndex(s: factor * index.s, i: factor * index.i, j: factor * index.j, constant: factor * index.constant)
    }
}
