import AttentionTrace

/// One check of an exercise: an expression in the check language, parsed and ready to evaluate.
///
/// The language is documented in `Docs/authoring-lessons.md`. A check is a
/// condition on a trace and an answer, such as
/// `argmax(weights[row: "hier"]) == answer` or `sum(weights[row: 0]) == 1 ± 1e-12`.
public struct Check: Sendable, CustomStringConvertible {
    /// The expression as written.
    public let text: String
    let source: CheckSource
    let expression: Expression

    /// Parses a check.
    ///
    /// - Parameters:
    ///   - text: The expression.
    ///   - location: Where its first character is, so errors point into the lesson file;
    ///     by default line 1, column 1 of `check`.
    /// - Throws: ``LessonError`` with the line and column of the first malformed part.
    public init(_ text: String, at location: SourceLocation = SourceLocation(file: "check", line: 1, column: 1))
        throws(LessonError) {
        try self.init(source: CheckSource(text, at: location))
    }

    init(source: CheckSource) throws(LessonError) {
        self.text = source.text
        self.source = source
        self.expression = try Parser.parse(source)
    }

    /// Where the check starts in its lesson.
    public var location: SourceLocation { source.location(at: 0) }

    /// The expression on one line, as messages quote it.
    public var description: String { source.excerpt(0..<text.count) }

    /// Evaluates the check on `trace` with `answer` as the value of `answer`.
    ///
    /// - Returns: Whether it holds, and if not, the two sides' values.
    /// - Throws: ``LessonError`` at the sub-expression for a name, label or index that
    ///   does not exist or a value of the wrong kind: a problem with the check, not a failure.
    public func evaluate(answer: Answer, in trace: Trace) throws(LessonError) -> CheckResult {
        let evaluator = Evaluator(trace: trace, answer: answer.value, source: source)
        let verdict = try evaluator.verdict(of: expression)
        return CheckResult(check: self, passed: verdict.passed, explanation: verdict.explanation)
    }
}

/// The outcome of evaluating one ``Check``.
public struct CheckResult: Sendable, CustomStringConvertible {
    /// The check evaluated.
    public let check: Check
    /// Whether it held.
    public let passed: Bool
    /// For a failed comparison, the two sides: `expected 'yesterday', found 'zoo'`
    /// (the right side is expected, the left side found).
    public let explanation: String

    /// `check <expression> passed`, or `check <expression> failed: <explanation>`.
    public var description: String {
        passed ? "check \(check) passed" : "check \(check) failed: \(explanation)"
    }
}
