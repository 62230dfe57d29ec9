import AttentionTrace

/// A question about a trace, the instructor's answer, and the checks any answer must pass.
///
/// Lessons declare exercises in ```` ```{exercise} ```` blocks; instructors can
/// also build one in Swift and test it against a trace:
///
/// ```swift
/// let trace = try AttentionTracer().trace(TraceRequest(variant: .additive, source: "…", target: "…"))
/// let exercise = try Exercise(id: "hier", question: "Which word does “hier” attend to most?",
///                             answer: .string("yesterday"),
///                             checks: [#"answer == argmax(weights[row: "hier"])"#])
/// #expect(try exercise.grade(answer: .string("yesterday"), against: trace).isCorrect)
/// ```
public struct Exercise: Sendable {
    /// Unique across a course; answers files and results name exercises by it.
    public var id: String
    /// The question, in Markdown.
    public var question: String
    /// The instructor's answer.
    public var answer: Answer
    /// The checks; an answer is correct when every one passes.
    public var checks: [Check]
    /// Hints, revealed one at a time.
    public var hints: [String]
    /// Why the answer is right, shown with it.
    public var explanation: String?

    /// Creates an exercise, parsing its checks.
    ///
    /// - Parameters:
    ///   - checks: Expressions in the check language; at least one.
    /// - Throws: ``LessonError`` for a check that does not parse (located at `check N of exercise 'id'`)
    ///   or an empty list of checks.
    public init(id: String, question: String, answer: Answer, checks: [String], hints: [String] = [],
                explanation: String? = nil) throws(LessonError) {
        var parsed: [Check] = []
        for (number, text) in checks.enumerated() {
            let location = SourceLocation(file: "check \(number + 1) of exercise '\(id)'", line: 1, column: 1)
            parsed.append(try Check(text, at: location))
        }
        guard !parsed.isEmpty else {
            throw LessonError("exercise '\(id)' needs at least one check", at: SourceLocation(file: "exercise '\(id)'", line: 1))
        }
        self.init(id: id, question: question, answer: answer, parsedChecks: parsed, hints: hints, explanation: explanation)
    }

    init(id: String, question: String, answer: Answer, parsedChecks: [Check], hints: [String], explanation: String?) {
        self.id = id
        self.question = question
        self.answer = answer
        self.checks = parsedChecks
        self.hints = hints
        self.explanation = explanation
    }

    /// Evaluates every check with `answer` on `trace`.
    ///
    /// - Returns: The result of each check, in order.
    /// - Throws: ``LessonError`` when a check cannot be evaluated (a name or label that
    ///   does not exist in `trace`, a value of the wrong kind).
    public func grade(answer: Answer, against trace: Trace) throws(LessonError) -> Outcome {
        var results: [CheckResult] = []
        for check in checks {
            results.append(try check.evaluate(answer: answer, in: trace))
        }
        return Outcome(exercise: id, results: results)
    }
}

/// The result of grading one answer to an ``Exercise``.
public struct Outcome: Sendable {
    /// The exercise's id.
    public let exercise: String
    /// Every check's result, in the exercise's order.
    public let results: [CheckResult]

    /// Whether every check passed.
    public var isCorrect: Bool { results.allSatisfy(\.passed) }
    /// The checks that failed.
    public var failures: [CheckResult] { results.filter { !$0.passed } }
}
