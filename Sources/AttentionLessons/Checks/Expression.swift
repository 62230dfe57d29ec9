/// A parsed check expression: the abstract syntax tree the ``Parser`` builds and the ``Evaluator`` walks.
///
/// Every node keeps the characters it was parsed from, so an evaluation error can
/// point at the exact sub-expression and a failure can quote it.
struct Expression: Hashable, Sendable {
    indirect enum Kind: Hashable, Sendable {
        case number(Double)
        case string(String)
        case boolean(Bool)
        case list([Expression])
        /// `answer`, a result or input name, or a recorded tensor id.
        case name(String)
        /// `argmax(x)`.
        case call(function: String, arguments: [Expression])
        /// `t[i, j]`, `t[row: r]`: the subscripts of one pair of brackets, applied in order.
        case index(Expression, [Subscript])
        /// `-x`.
        case negate(Expression)
        /// `not x`.
        case not(Expression)
        /// `+ - * /`.
        case arithmetic(ArithmeticOperator, Expression, Expression)
        /// `== != < <= > >=`, with the tolerance of `a == b ± tol`.
        case comparison(ComparisonOperator, Expression, Expression, tolerance: Expression?)
        /// `and`, `or`.
        case logical(LogicalOperator, Expression, Expression)
    }

    /// One subscript: an index along the next axis, or along the row or column axis.
    struct Subscript: Hashable, Sendable {
        enum Axis: String, Hashable, Sendable {
            /// The next remaining axis, outermost first.
            case next
            /// The second-to-last axis: `t[row: r]`.
            case row
            /// The last axis: `t[column: c]`.
            case column
        }

        let axis: Axis
        let index: Expression
    }

    enum ArithmeticOperator: String, Hashable, Sendable {
        case add = "+", subtract = "-", multiply = "*", divide = "/"
    }

    enum ComparisonOperator: String, Hashable, Sendable {
        case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="

        /// The operator with its sides swapped: `a < b` is `b > a`.
        var mirrored: ComparisonOperator {
            switch self {
            case .equal, .notEqual: self
            case .less: .greater
            case .lessOrEqual: .greaterOrEqual
            case .greater: .less
            case .greaterOrEqual: .lessOrEqual
            }
        }
    }

    enum LogicalOperator: String, Hashable, Sendable {
        case and, or
    }

    let kind: Kind
    /// The characters of the check this node was parsed from.
    let range: Range<Int>
    /// The number of nodes on the longest path from this node down to a leaf: 1 for a leaf.
    ///
    /// The ``Evaluator`` recurses once per level, so the ``Parser`` refuses a tree
    /// deeper than ``Parser/maximumDepth`` however it came about (nested brackets or
    /// a long chain such as `1 + 1 + … + 1`).
    let depth: Int

    init(kind: Kind, range: Range<Int>) {
        self.kind = kind
        self.range = range
        self.depth = 1 + kind.children.map(\.depth).reduce(0, max)
    }

    /// Whether the expression is written out as a constant: a number, a string, a boolean, or a list of constants.
    var isLiteral: Bool {
        switch kind {
        case .number, .string, .boolean: true
        case .list(let items): items.allSatisfy(\.isLiteral)
        default: false
        }
    }

    /// Whether the expression reads `answer` anywhere.
    var readsAnswer: Bool {
        if case .name("answer") = kind { return true }
        return kind.children.contains(where: \.readsAnswer)
    }
}

extension Expression.Kind {
    /// The sub-expressions, in the order they were written.
    var children: [Expression] {
        switch self {
        case .number, .string, .boolean, .name: []
        case .list(let items), .call(_, let items): items
        case .index(let base, let subscripts): [base] + subscripts.map(\.index)
        case .negate(let operand), .not(let operand): [operand]
        case .arithmetic(_, let left, let right), .logical(_, let left, let right): [left, right]
        case .comparison(_, let left, let right, let tolerance): [left, right] + (tolerance.map { [$0] } ?? [])
        }
    }
}
