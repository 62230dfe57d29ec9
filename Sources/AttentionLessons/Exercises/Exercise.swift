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
    /// How an exercise grades and what its feedback shows.
    public struct Options: OptionSet, Hashable, Sendable {
        public let rawValue: Int

        public init(rawValue: Int) {
            self.rawValue = rawValue
        }

        /// Feedback shows the values an answer was compared with (`reveal: true`), as
        /// `lessons grade --reveal` does for every exercise.
        public static let revealsValues = Options(rawValue: 1 << 0)
        /// Words are compared exactly as written (`exact: true`): no folding of case, and
        /// no trimming or collapsing of spaces.
        public static let exactWords = Options(rawValue: 1 << 1)
    }

    /// Unique across a course; answers files and results name exercises by it.
    public var id: String
    /// The question, in Markdown.
    public var question: String
    /// The instructor's answer. Its kind (a number, a word, a list of them) is the kind a
    /// student's answer is read as.
    public var answer: Answer
    /// The checks; an answer is correct when every one passes.
    public var checks: [Check]
    /// Hints, revealed one at a time: on the page, and in `lessons grade` one more after each failed attempt.
    public var hints: [String]
    /// Why the answer is right, shown with it on the page and once a graded answer is right.
    public var explanation: String?
    /// How the exercise grades.
    public var options: Options

    /// Creates an exercise, parsing its checks.
    ///
    /// - Parameters:
    ///   - checks: Expressions in the check language; at least one, and at least one of them reads `answer`.
    /// - Throws: ``LessonError`` for a check that does not parse (located at `check N of exercise 'id'`),
    ///   an empty list of checks, or checks none of which reads `answer` (they would accept any answer).
    public init(id: String, question: String, answer: Answer, checks: [String], hints: [String] = [],
                explanation: String? = nil, options: Options = []) throws(LessonError) {
        var parsed: [Check] = []
        for (number, text) in checks.enumerated() {
            let location = SourceLocation(file: "check \(number + 1) of exercise '\(id)'", line: 1, column: 1)
            parsed.append(try Check(text, at: location))
        }
        try self.init(id: id, question: question, answer: answer, parsedChecks: parsed, hints: hints,
                      explanation: explanation, options: options, at: SourceLocation(file: "exercise '\(id)'", line: 1))
    }

    /// Creates an exercise from parsed checks.
    ///
    /// - Throws: ``LessonError`` at `location` for no checks, and at the first check when none reads `answer`.
    init(id: String, question: String, answer: Answer, parsedChecks: [Check], hints: [String], explanation: String?,
         options: Options, at location: SourceLocation) throws(LessonError) {
        guard let first = parsedChecks.first else {
            throw LessonError("exercise '\(id)' needs at least one check", at: location)
        }
        guard parsedChecks.contains(where: \.readsAnswer) else {
            throw LessonError("no check of exercise '\(id)' reads 'answer', so every answer would pass; "
                + "compare the answer with the trace, as in 'answer == argmax(weights[row: 0])'", at: first.location)
        }
        self.id = id
        self.question = question
        self.answer = answer
        self.checks = parsedChecks
        self.hints = hints
        self.explanation = explanation
        self.options = options
    }

    /// Grades a student's answer: reads it as the kind of the instructor's answer, then
    /// evaluates every check with it on `trace`.
    ///
    /// The answer is read as ``Answer/interpreted(like:exactWords:)`` describes: a number
    /// written as a string and a one-element list for a single value are accepted, a word is
    /// trimmed and compared ignoring case (unless the exercise has ``Options/exactWords``), and
    /// an answer of another kind (an index for a "which word" question) is wrong without
    /// evaluating the checks.
    ///
    /// - Returns: The result of each check, in order, or the kind problem.
    /// - Throws: ``LessonError`` when a check cannot be evaluated (a name or label that
    ///   does not exist in `trace`, a value of the wrong kind).
    public func grade(answer: Answer, against trace: Trace) throws(LessonError) -> Outcome {
        let exactWords = options.contains(.exactWords)
        switch answer.interpreted(like: self.answer, exactWords: exactWords) {
        case .wrongKind(let problem):
            return Outcome(exercise: id, results: [], kindProblem: problem)
        case .answer(let interpreted):
            var results: [CheckResult] = []
            for check in checks {
                results.append(try check.evaluate(answer: interpreted, in: trace, wordsIgnoringCase: !exactWords))
            }
            return Outcome(exercise: id, results: results, kindProblem: nil)
        }
    }
}

/// The result of grading one answer to an ``Exercise``.
public struct Outcome: Sendable {
    /// The exercise's id.
    public let exercise: String
    /// Every check's result, in the exercise's order; empty when the answer is of the wrong kind.
    public let results: [CheckResult]
    /// Why the answer could not be compared at all: "your answer is a number, but the question
    /// asks for a word".
    public let kindProblem: String?

    /// Whether the answer is of the right kind and every check passed.
    public var isCorrect: Bool { kindProblem == nil && results.allSatisfy(\.passed) }
    /// The checks that failed.
    public var failures: [CheckResult] { results.filter { !$0.passed } }

    /// What is wrong with the answer, told for `audience`: the kind problem, or each failed
    /// check's explanation; empty when the answer is correct.
    public func feedback(for audience: Audience) -> String {
        kindProblem ?? failures.map { $0.explanation(for: audience) }.joined(separator: "; ")
    }
}
