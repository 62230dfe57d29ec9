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
    /// - Parameters:
    ///   - answer: The value of `answer`.
    ///   - trace: The trace the check's names refer to.
    ///   - wordsIgnoringCase: Whether a comparison that reads `answer` treats words that differ
    ///     only in case as equal, as grading does for an exercise without `exact: true`.
    /// - Returns: Whether it holds, and if not, why.
    /// - Throws: ``LessonError`` at the sub-expression for a name, label or index that
    ///   does not exist or a value of the wrong kind: a problem with the check, not a failure.
    public func evaluate(answer: Answer, in trace: Trace, wordsIgnoringCase: Bool = false) throws(LessonError) -> CheckResult {
        let evaluator = Evaluator(trace: trace, answer: answer.value, source: source, wordsIgnoringCase: wordsIgnoringCase)
        let verdict = try evaluator.verdict(of: expression)
        return CheckResult(check: self, passed: verdict.passed, reasons: verdict.reasons)
    }

    /// Whether the check reads `answer` anywhere; an exercise needs at least one check that does.
    public var readsAnswer: Bool { expression.readsAnswer }
}

/// The outcome of evaluating one ``Check``.
public struct CheckResult: Sendable, CustomStringConvertible {
    /// The check evaluated.
    public let check: Check
    /// Whether it held.
    public let passed: Bool
    let reasons: [FailureReason]

    /// Why the check failed, told for `audience`; empty when it passed.
    ///
    /// The side of a comparison that reads `answer` is always the answer: for
    /// `argmax(weights[row: "hier"]) == answer` with the answer 'zoo', the instructor reads
    /// `the answer is 'zoo', but argmax(weights[row: "hier"]) is 'the'` and a student
    /// `your answer 'zoo' is not argmax(weights[row: "hier"])`, without the value it was compared with.
    public func explanation(for audience: Audience) -> String {
        reasons.map { $0.message(for: audience) }.joined(separator: "; and ")
    }

    /// `check <expression> passed`, or `check <expression> failed: <explanation for the instructor>`.
    public var description: String {
        passed ? "check \(check) passed" : "check \(check) failed: \(explanation(for: .instructor))"
    }
}
