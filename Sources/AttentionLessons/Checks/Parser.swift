/// A recursive-descent parser for the check language.
///
/// The grammar, loosest binding first (`Docs/authoring-lessons.md` has it with examples):
///
///     check       = or
///     or          = and { "or" and }
///     and         = not { "and" not }
///     not         = "not" not | comparison
///     comparison  = sum [ ( "==" | "!=" | "<" | "<=" | ">" | ">=" ) sum [ ( "±" | "+-" ) sum ] ]
///     sum         = product { ( "+" | "-" ) product }
///     product     = unary { ( "*" | "/" ) unary }
///     unary       = "-" unary | postfix
///     postfix     = primary { "[" subscript { "," subscript } "]" }
///     subscript   = [ ( "row" | "column" ) ":" ] or
///     primary     = number | string | "true" | "false" | list | name [ "(" [ or { "," or } ] ")" ] | "(" or ")"
///     list        = "[" [ or { "," or } ] "]"
///
/// Comparisons do not chain (`a < b < c` is an error), and a tolerance is allowed
/// only on `==` and `!=`.
///
/// Nesting is bounded by ``maximumDepth``: both how deeply the parser descends
/// (brackets, calls, lists, `not` and `-` inside one another) and how deep the
/// finished tree is (a chain of operators), so neither the parser nor the
/// ``Evaluator``, which recurse once per level, can exhaust the stack.
struct Parser {
    /// The deepest nesting a check may have: far more than any check needs, far less than the stack allows.
    static let maximumDepth = 64

    private let source: CheckSource
    private let tokens: [Token]
    private var position = 0
    /// How many nested constructs the parser is inside.
    private var nesting = 0

    private init(source: CheckSource, tokens: [Token]) {
        self.source = source
        self.tokens = tokens
    }

    /// Parses a whole check.
    ///
    /// - Throws: ``LessonError`` at the first token that does not fit the grammar, saying what was expected.
    static func parse(_ source: CheckSource) throws(LessonError) -> Expression {
        var parser = Parser(source: source, tokens: try Lexer.tokens(of: source))
        guard parser.current.kind != .end else { throw source.error("empty check", at: 0) }
        let expression = try parser.or()
        guard parser.current.kind == .end else {
            throw parser.unexpected(expecting: "an operator or the end of the check")
        }
        return expression
    }

    private var current: Token { tokens[min(position, tokens.count - 1)] }

    private mutating func advance() -> Token {
        defer { position += 1 }
        return current
    }

    private func isSymbol(_ symbol: String) -> Bool { current.kind == .symbol(symbol) }
    private func isKeyword(_ word: String) -> Bool { current.kind == .keyword(word) }

    private func unexpected(expecting expected: String) -> LessonError {
        source.error("expected \(expected), found \(current.spelling)", at: current.range.lowerBound)
    }

    private mutating func expect(_ symbol: String, closing opening: Token? = nil) throws(LessonError) -> Token {
        guard isSymbol(symbol) else {
            let context = opening.map { " to close the '\(source.excerpt($0.range))' at column \(source.location(at: $0.range.lowerBound).column ?? 0)" } ?? ""
            throw unexpected(expecting: "'\(symbol)'\(context)")
        }
        return advance()
    }

    private func node(_ kind: Expression.Kind, from start: Int) throws(LessonError) -> Expression {
        let end = tokens[max(position - 1, 0)].range.upperBound
        let expression = Expression(kind: kind, range: start..<max(end, start))
        guard expression.depth <= Self.maximumDepth else { throw tooDeep(at: start) }
        return expression
    }

    /// Parses one nested construct with `body`, refusing to go deeper than ``maximumDepth``.
    ///
    /// - Parameter opening: Where the construct opens (its `(`, `[`, `not` or `-`), for the error.
    private mutating func nested(from opening: Int,
                                 _ body: (inout Parser) throws(LessonError) -> Expression) throws(LessonError) -> Expression {
        guard nesting < Self.maximumDepth else { throw tooDeep(at: opening) }
        nesting += 1
        defer { nesting -= 1 }
        return try body(&self)
    }

    private func tooDeep(at offset: Int) -> LessonError {
        source.error("the check nests more than \(Self.maximumDepth) levels deep here (brackets, calls, 'not', '-' "
            + "or a chain of operators); split it into several checks", at: offset)
    }

    private mutating func or() throws(LessonError) -> Expression {
        var left = try and()
        while isKeyword("or") {
            _ = advance()
            let right = try and()
            left = try node(.logical(.or, left, right), from: left.range.lowerBound)
        }
        return left
    }

    private mutating func and() throws(LessonError) -> Expression {
        var left = try not()
        while isKeyword("and") {
            _ = advance()
            let right = try not()
            left = try node(.logical(.and, left, right), from: left.range.lowerBound)
        }
        return left
    }

    private mutating func not() throws(LessonError) -> Expression {
        guard isKeyword("not") else { return try comparison() }
        let start = advance().range.lowerBound
        let operand = try nested(from: start) { parser throws(LessonError) in try parser.not() }
        return try node(.not(operand), from: start)
    }

    private mutating func comparison() throws(LessonError) -> Expression {
        let left = try sum()
        guard case .symbol(let symbol) = current.kind, let op = Expression.ComparisonOperator(rawValue: symbol) else {
            if isSymbol("±") {
                throw source.error("a tolerance '±' needs a comparison before it, as in 'x == 0.5 ± 1e-3'",
                                   at: current.range.lowerBound)
            }
            return left
        }
        _ = advance()
        let right = try sum()
        var tolerance: Expression?
        if isSymbol("±") {
            guard op == .equal || op == .notEqual else {
                throw source.error("a tolerance '±' applies only to '==' and '!=', not '\(op.rawValue)'",
                                   at: current.range.lowerBound)
            }
            _ = advance()
            tolerance = try sum()
        }
        if case .symbol(let next) = current.kind, Expression.ComparisonOperator(rawValue: next) != nil {
            throw source.error("comparisons do not chain; join them with 'and', as in 'a < b and b < c'",
                               at: current.range.lowerBound)
        }
        return try node(.comparison(op, left, right, tolerance: tolerance), from: left.range.lowerBound)
    }

    private mutating func sum() throws(LessonError) -> Expression {
        var left = try product()
        while case .symbol(let symbol) = current.kind, symbol == "+" || symbol == "-",
              let op = Expression.ArithmeticOperator(rawValue: symbol) {
            _ = advance()
            let right = try product()
            left = try node(.arithmetic(op, left, right), from: left.range.lowerBound)
        }
        return left
    }

    private mutating func product() throws(LessonError) -> Expression {
        var left = try unary()
        while case .symbol(let symbol) = current.kind, symbol == "*" || symbol == "/",
              let op = Expression.ArithmeticOperator(rawValue: symbol) {
            _ = advance()
            let right = try unary()
            left = try node(.arithmetic(op, left, right), from: left.range.lowerBound)
        }
        return left
    }

    private mutating func unary() throws(LessonError) -> Expression {
        guard isSymbol("-") else { return try postfix() }
        let start = advance().range.lowerBound
        let operand = try nested(from: start) { parser throws(LessonError) in try parser.unary() }
        if case .number(let value) = operand.kind { return try node(.number(-value), from: start) }
        return try node(.negate(operand), from: start)
    }

    private mutating func postfix() throws(LessonError) -> Expression {
        var base = try primary()
        while isSymbol("[") {
            let opening = advance()
            var subscripts: [Expression.Subscript] = []
            repeat {
                if !subscripts.isEmpty { _ = advance() }
                subscripts.append(try subscriptArgument(opening: opening))
            } while isSymbol(",")
            _ = try expect("]", closing: opening)
            base = try node(.index(base, subscripts), from: base.range.lowerBound)
        }
        return base
    }

    private mutating func subscriptArgument(opening: Token) throws(LessonError) -> Expression.Subscript {
        if case .name(let word) = current.kind, let axis = Expression.Subscript.Axis(rawValue: word), axis != .next,
           tokens[min(position + 1, tokens.count - 1)].kind == .symbol(":") {
            position += 2
            return Expression.Subscript(axis: axis, index: try nested(from: opening.range.lowerBound) { parser throws(LessonError) in try parser.or() })
        }
        if isSymbol("]") { throw unexpected(expecting: "an index") }
        return Expression.Subscript(axis: .next, index: try nested(from: opening.range.lowerBound) { parser throws(LessonError) in try parser.or() })
    }

    private mutating func primary() throws(LessonError) -> Expression {
        let token = current
        let start = token.range.lowerBound
        switch token.kind {
        case .number(let value):
            _ = advance()
            return try node(.number(value), from: start)
        case .string(let text):
            _ = advance()
            return try node(.string(text), from: start)
        case .keyword("true"), .keyword("false"):
            _ = advance()
            return try node(.boolean(token.kind == .keyword("true")), from: start)
        case .name(let name):
            _ = advance()
            guard isSymbol("(") else { return try node(.name(name), from: start) }
            let opening = advance()
            let arguments = try commaSeparated(until: ")", opening: opening)
            return try node(.call(function: name, arguments: arguments), from: start)
        case .symbol("["):
            let opening = advance()
            // Parsed first: as an argument of `node`, the items would be read after `node`'s copy
            // of the parser, whose position is still at the `[`, so the list's text would be "[".
            let items = try commaSeparated(until: "]", opening: opening)
            return try node(.list(items), from: start)
        case .symbol("("):
            let opening = advance()
            let inner = try nested(from: opening.range.lowerBound) { parser throws(LessonError) in try parser.or() }
            _ = try expect(")", closing: opening)
            return try node(inner.kind, from: start)
        default:
            throw unexpected(expecting: "a number, a string, a name, a list or '('")
        }
    }

    private mutating func commaSeparated(until closing: String, opening: Token) throws(LessonError) -> [Expression] {
        var items: [Expression] = []
        if isSymbol(closing) {
            _ = advance()
            return items
        }
        repeat {
            if !items.isEmpty { _ = advance() }
            items.append(try nested(from: opening.range.lowerBound) { parser throws(LessonError) in try parser.or() })
        } while isSymbol(",")
        _ = try expect(closing, closing: opening)
        return items
    }
}
