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
    }

    enum LogicalOperator: String, Hashable, Sendable {
        case and, or
    }

    let kind: Kind
    /// The characters of the check this node was parsed from.
    let range: Range<Int>
}
