import AttentionTrace
import Foundation

/// Evaluates a parsed check against a trace and an answer.
///
/// Problems with the check itself (an unknown name, a label or index that does
/// not exist, a function applied to the wrong kind of value) are thrown as
/// ``LessonError``s pointing at the sub-expression. A check that evaluates
/// cleanly to `false` is a failure, explained by ``verdict(of:)``.
struct Evaluator {
    let trace: Trace
    let answer: Value
    let source: CheckSource
    /// Whether a comparison that reads `answer` compares words ignoring case.
    var wordsIgnoringCase = false

    /// Whether an expression holds and, when it does not, the reasons.
    struct Verdict {
        let passed: Bool
        let reasons: [FailureReason]
    }

    /// Whether `expression` holds and, when it does not, why.
    ///
    /// For a comparison the reason holds both sides, the one that reads `answer` first
    /// (see ``Mismatch``). For `and`, the first operand that fails explains the failure;
    /// for `or`, every operand's reasons are given.
    func verdict(of expression: Expression) throws(LessonError) -> Verdict {
        switch expression.kind {
        case .comparison(let op, let leftExpression, let rightExpression, let toleranceExpression):
            let left = try value(of: leftExpression)
            let right = try value(of: rightExpression)
            let tolerance = try toleranceExpression.map { e throws(LessonError) in try number(e) }
            let readsAnswer = expression.readsAnswer
            let ignoringCase = wordsIgnoringCase && readsAnswer
            let passed = try compare(op, left, right, tolerance: tolerance, ignoringCase: ignoringCase, at: expression)
            if passed { return Verdict(passed: true, reasons: []) }
            let sides = [side(leftExpression, left), side(rightExpression, right)]
            let answerFirst = !leftExpression.readsAnswer && rightExpression.readsAnswer
            let mismatch = Mismatch(relation: answerFirst ? op.mirrored : op, given: sides[answerFirst ? 1 : 0],
                                    reference: sides[answerFirst ? 0 : 1], tolerance: tolerance,
                                    readsAnswer: readsAnswer, ignoringCase: ignoringCase)
            return Verdict(passed: false, reasons: [.mismatch(mismatch)])
        case .logical(.and, let left, let right):
            let first = try verdict(of: left)
            return first.passed ? try verdict(of: right) : first
        case .logical(.or, let left, let right):
            let first = try verdict(of: left)
            if first.passed { return first }
            let second = try verdict(of: right)
            return second.passed ? second : Verdict(passed: false, reasons: first.reasons + second.reasons)
        case .not(let operand):
            let inner = try verdict(of: operand)
            return Verdict(passed: !inner.passed,
                           reasons: inner.passed ? [.unmet("'\(excerpt(operand))' holds, but the check needs it to be false")] : [])
        default:
            let result = try boolean(expression)
            return Verdict(passed: result, reasons: result ? [] : [.unmet("'\(excerpt(expression))' is false")])
        }
    }

    private func side(_ expression: Expression, _ value: Value) -> Mismatch.Side {
        var isAnswer = false
        if case .name("answer") = expression.kind { isAnswer = true }
        return Mismatch.Side(text: excerpt(expression), value: value, isAnswer: isAnswer, isLiteral: expression.isLiteral)
    }

    /// The value of `expression`.
    func value(of expression: Expression) throws(LessonError) -> Value {
        switch expression.kind {
        case .number(let value): return .number(value)
        case .string(let text): return .string(text)
        case .boolean(let value): return .boolean(value)
        case .list(let items): return .list(try items.map { e throws(LessonError) in try value(of: e) })
        case .name(let name): return try lookUp(name, at: expression)
        case .call(let function, let arguments):
            return try Functions.call(function, arguments: arguments, at: expression, evaluator: self)
        case .index(let base, let subscripts): return try index(base, subscripts, at: expression)
        case .negate(let operand): return .number(-(try number(operand)))
        case .not(let operand): return .boolean(!(try boolean(operand)))
        case .arithmetic(let op, let left, let right):
            let (a, b) = (try number(left), try number(right))
            switch op {
            case .add: return .number(a + b)
            case .subtract: return .number(a - b)
            case .multiply: return .number(a * b)
            case .divide: return .number(a / b)
            }
        case .comparison, .logical:
            return .boolean(try verdict(of: expression).passed)
        }
    }

    // MARK: - Kinds of value

    func number(_ expression: Expression) throws(LessonError) -> Double {
        let value = try value(of: expression)
        switch value {
        case .number(let number): return number
        case .label(_, let index): return Double(index)
        case .tensor(let tensor) where tensor.values.scalars.count == 1: return tensor.values.scalars[0]
        default: throw error("'\(excerpt(expression))' is \(value.kindDescription) (\(value.formatted())), not a number",
                             at: expression)
        }
    }

    func boolean(_ expression: Expression) throws(LessonError) -> Bool {
        let value = try value(of: expression)
        guard case .boolean(let result) = value else {
            throw error("'\(excerpt(expression))' is \(value.kindDescription), not true or false; "
                + "a check must be a comparison such as 'x == 1'", at: expression)
        }
        return result
    }

    func error(_ message: String, at expression: Expression) -> LessonError {
        source.error(message, at: expression.range.lowerBound)
    }

    func excerpt(_ expression: Expression) -> String {
        source.excerpt(expression.range)
    }

    // MARK: - Names and indexing

    private func lookUp(_ name: String, at expression: Expression) throws(LessonError) -> Value {
        if name == "answer" { return answer }
        guard let tensor = trace.labelledTensor(named: name) else {
            throw error("no tensor named '\(name)' in this \(trace.variant) trace; \(trace.namesSuggestion(for: name))",
                        at: expression)
        }
        return tensor.values.shape.isEmpty ? .number(tensor.values.scalars[0]) : .tensor(tensor)
    }

    private func index(_ baseExpression: Expression, _ subscripts: [Expression.Subscript],
                       at expression: Expression) throws(LessonError) -> Value {
        var current = try value(of: baseExpression)
        var written = excerpt(baseExpression)
        for item in subscripts {
            let index = try value(of: item.index)
            let indexText = item.axis == .next ? excerpt(item.index) : "\(item.axis.rawValue): \(excerpt(item.index))"
            switch current {
            case .list(let items):
                guard item.axis == .next, case .number(let number) = index, let position = Int(exactly: number),
                      items.indices.contains(position) else {
                    throw error("'\(indexText)' is not a position in the list \(current.formatted()) "
                        + "(0 to \(items.count - 1))", at: item.index)
                }
                current = items[position]
            case .tensor(let tensor):
                let axis = try axisNumber(item.axis, of: tensor, at: item.index)
                let position = try self.position(index, along: axis, of: tensor, at: item.index)
                let sliced = tensor.fixing(axis: axis, at: position, name: "\(written)[\(indexText)]")
                current = sliced.values.shape.isEmpty ? .number(sliced.values.scalars[0]) : .tensor(sliced)
            default:
                throw error("'\(written)' is \(current.kindDescription), which cannot be indexed", at: baseExpression)
            }
            written += "[\(indexText)]"
        }
        return current
    }

    private func axisNumber(_ axis: Expression.Subscript.Axis, of tensor: LabelledTensor,
                            at expression: Expression) throws(LessonError) -> Int {
        let dimensions = tensor.values.shape.count
        switch axis {
        case .next:
            return 0
        case .row:
            guard dimensions >= 2 else {
                throw error("'\(tensor.name)' has one axis (\(tensor.axes[0].name)), so it has no rows; index it with [i]",
                            at: expression)
            }
            return dimensions - 2
        case .column:
            return dimensions - 1
        }
    }

    /// The 0-based position `index` names along `axis`: an integer, or a label (its first occurrence).
    private func position(_ index: Value, along axis: Int, of tensor: LabelledTensor,
                          at expression: Expression) throws(LessonError) -> Int {
        let size = tensor.values.shape[axis]
        let axisInfo = tensor.axes[axis]
        let axisName = axisInfo.name.isEmpty ? "axis \(axis)" : axisInfo.name
        switch index {
        case .number(let number):
            guard let position = Int(exactly: number) else {
                throw error("index \(formatNumber(number)) of '\(tensor.name)' is not a whole number", at: expression)
            }
            guard (0..<size).contains(position) else {
                throw error("index \(position) is out of range for axis \(axisName) of '\(tensor.name)', "
                    + "which has \(size) entr\(size == 1 ? "y" : "ies") (0 to \(size - 1))", at: expression)
            }
            return position
        case .string(let label), .label(let label, _):
            guard let labels = axisInfo.labels else {
                if case .label(_, let position) = index, (0..<size).contains(position) { return position }
                throw error("axis \(axisName) of '\(tensor.name)' has no labels; index it by number (0 to \(size - 1))",
                            at: expression)
            }
            guard let position = axisInfo.position(ofLabel: label) else {
                throw error("axis \(axisName) of '\(tensor.name)' has no label \"\(label)\"; its labels are: "
                    + labels.map { "\"\($0)\"" }.joined(separator: ", "), at: expression)
            }
            return position
        default:
            throw error("'\(excerpt(expression))' is \(index.kindDescription); an index is a number or a label",
                        at: expression)
        }
    }

    // MARK: - Comparison

    private func compare(_ op: Expression.ComparisonOperator, _ left: Value, _ right: Value, tolerance: Double?,
                         ignoringCase: Bool, at expression: Expression) throws(LessonError) -> Bool {
        switch op {
        case .equal: return Self.equal(left, right, tolerance: tolerance ?? 0, ignoringCase: ignoringCase)
        case .notEqual: return !Self.equal(left, right, tolerance: tolerance ?? 0, ignoringCase: ignoringCase)
        default:
            guard let a = Self.scalar(left), let b = Self.scalar(right) else {
                let culprit = Self.scalar(left) == nil ? left : right
                throw error("'\(op.rawValue)' compares numbers, but one side is \(culprit.kindDescription) "
                    + "(\(culprit.formatted()))", at: expression)
            }
            switch op {
            case .less: return a < b
            case .lessOrEqual: return a <= b
            case .greater: return a > b
            default: return a >= b
            }
        }
    }

    private static func scalar(_ value: Value) -> Double? {
        switch value {
        case .number(let number): number
        case .tensor(let tensor) where tensor.values.scalars.count == 1: tensor.values.scalars[0]
        default: nil
        }
    }

    /// Equality as documented: numbers within `tolerance`, a label equal to its text or its index,
    /// lists and tensors entry by entry; values of different kinds are unequal. With
    /// `ignoringCase`, words that differ only in case are equal.
    static func equal(_ left: Value, _ right: Value, tolerance: Double, ignoringCase: Bool = false) -> Bool {
        func same(_ a: String, _ b: String) -> Bool { ignoringCase ? a.lowercased() == b.lowercased() : a == b }
        switch (left, right) {
        case (.number(let a), .number(let b)):
            return a == b || abs(a - b) <= tolerance
        case (.string(let a), .string(let b)):
            return same(a, b)
        case (.label(let text, _), .string(let other)), (.string(let other), .label(let text, _)):
            return same(text, other)
        case (.label(_, let index), .number(let number)), (.number(let number), .label(_, let index)):
            return Double(index) == number
        case (.label(_, let a), .label(_, let b)):
            return a == b
        case (.boolean(let a), .boolean(let b)):
            return a == b
        case (.list(let a), .list(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { equal($0, $1, tolerance: tolerance, ignoringCase: ignoringCase) }
        case (.tensor(let tensor), _):
            return equal(tensor.nested, right, tolerance: tolerance, ignoringCase: ignoringCase)
        case (_, .tensor(let tensor)):
            return equal(left, tensor.nested, tolerance: tolerance, ignoringCase: ignoringCase)
        default:
            return false
        }
    }

    /// The decimals that show a difference of `tolerance`: 4 for 1e-4, 12 for 1e-12.
    static func decimals(for tolerance: Double) -> Int? {
        guard tolerance > 0, tolerance.isFinite else { return nil }
        return min(max(Int((-log10(tolerance)).rounded(.up)), 0), 17)
    }
}
