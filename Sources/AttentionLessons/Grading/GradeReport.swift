import NameSuggestions

/// The grade of a student's answers to one lesson, as written to `results.json`.
///
/// Grading is staged across runs: given the previous report for the same lesson, each
/// exercise counts its failed attempts (an attempt is a graded answer that differs from the
/// last one recorded), unlocks one more hint after each, and shows its explanation once the
/// answer is right.
public struct GradeReport: Codable, Sendable {
    /// How one exercise was graded.
    public struct ExerciseGrade: Codable, Sendable {
        /// Whether the answer passed every check, failed one, was not given, or could not be read.
        public enum Status: String, Codable, Sendable {
            case correct, incorrect, unanswered, error
        }

        /// The exercise's id.
        public let id: String
        public let status: Status
        /// What is wrong with the answer (without the values it was compared with, unless
        /// revealed), why it could not be read, or empty when it is correct.
        public let message: String
        /// 1 when correct, else 0.
        public let score: Double
        /// The answer graded, when one was read.
        public let answer: Answer?
        /// The wrong answers graded so far, this run's included.
        public let failedAttempts: Int
        /// The hints unlocked so far: one per failed attempt, up to all of the exercise's hints.
        public let hints: [String]
        /// The exercise's explanation, once the answer is correct.
        public let explanation: String?
    }

    /// An entry of the answers file that names no exercise of the lesson.
    public struct EntryError: Codable, Sendable, Hashable {
        /// The id as the answers file spells it.
        public let id: String
        /// The 1-based line of the entry in the answers file, when it can be found.
        public let line: Int?
        /// "no exercise '…' in this lesson; did you mean '…'?"
        public let message: String
    }

    /// The lesson's file.
    public let lesson: String
    /// The sum of the exercises' scores.
    public let score: Double
    /// The number of exercises.
    public let maxScore: Double
    /// One entry per exercise, in lesson order.
    public let exercises: [ExerciseGrade]
    /// The entries of the answers file that name no exercise of the lesson.
    public let errors: [EntryError]

    /// Grades `answers` against `lesson`.
    ///
    /// Every exercise is graded, whatever is wrong with the others: an entry whose value is
    /// not an answer is an `error` grade, an id the lesson does not have is an ``EntryError``
    /// naming the closest id, and an answer the checks cannot even evaluate (a string where a
    /// number is compared with `<`) is incorrect, with the reason as its message.
    ///
    /// - Parameters:
    ///   - revealing: Whether every exercise's feedback shows the values the answer was compared
    ///     with (`--reveal`); an exercise with ``Exercise/Options/revealsValues`` always does.
    ///   - previous: The report of the last run for this lesson, whose failed attempts and
    ///     answers this one continues; a report for another lesson is ignored.
    /// - Throws: ``LessonError`` for a check that cannot be evaluated with the instructor's own
    ///   answer (a problem with the lesson, which `lessons check` reports too).
    public init(lesson: Lesson, answers: AnswersFile, revealing: Bool = false, previous: GradeReport? = nil)
        throws(LessonError) {
        let earlier = previous.flatMap { $0.isReport(of: lesson) ? $0 : nil }
        let ids = lesson.exercises.map(\.exercise.id)
        errors = answers.ids.filter { !ids.contains($0) }.map { id in
            let suggestion = closestName(to: id, among: ids).map { "did you mean '\($0)'?" }
                ?? "its exercises are: \(ids.joined(separator: ", "))"
            return EntryError(id: id, line: answers.line(of: id),
                              message: "no exercise '\(id)' in this lesson; \(suggestion)")
        }
        var grades: [ExerciseGrade] = []
        for item in lesson.exercises {
            let exercise = item.exercise
            _ = try exercise.grade(answer: exercise.answer, against: item.trace)
            let before = earlier?.exercises.first { $0.id == exercise.id }
            let audience: Audience = revealing || exercise.options.contains(.revealsValues) ? .studentWithValues : .student
            grades.append(try Self.grade(exercise, trace: item, answers: answers, audience: audience, before: before))
        }
        self.lesson = lesson.file
        self.exercises = grades
        self.score = grades.map(\.score).reduce(0, +)
        self.maxScore = Double(grades.count)
    }

    private static func grade(_ exercise: Exercise, trace item: LessonExercise, answers: AnswersFile, audience: Audience,
                              before: ExerciseGrade?) throws(LessonError) -> ExerciseGrade {
        let failedBefore = before?.failedAttempts ?? 0
        func graded(_ status: ExerciseGrade.Status, _ message: String, answer: Answer?, failed: Int) -> ExerciseGrade {
            ExerciseGrade(id: exercise.id, status: status, message: message, score: status == .correct ? 1 : 0,
                          answer: answer, failedAttempts: failed, hints: Array(exercise.hints.prefix(failed)),
                          explanation: status == .correct ? exercise.explanation : nil)
        }
        if let problem = answers.problems.first(where: { $0.id == exercise.id }) {
            let line = problem.line.map { "\(answers.file):\($0): " } ?? ""
            return graded(.error, line + problem.message, answer: nil, failed: failedBefore)
        }
        guard let answer = answers.answers[exercise.id] else {
            return graded(.unanswered, "no answer given", answer: nil, failed: failedBefore)
        }
        let message: String
        do {
            let outcome = try exercise.grade(answer: answer, against: item.trace)
            if outcome.isCorrect { return graded(.correct, "", answer: answer, failed: failedBefore) }
            message = outcome.feedback(for: audience)
        } catch {
            message = "your answer \(answer) cannot be checked: \(error.message)"
        }
        let isNewAttempt = before?.status != .incorrect || before?.answer != answer
        return graded(.incorrect, message, answer: answer, failed: failedBefore + (isNewAttempt ? 1 : 0))
    }

    /// Whether this report grades `lesson` (the same file name; the folder may be spelt differently).
    func isReport(of lesson: Lesson) -> Bool {
        self.lesson.split(separator: "/").last == lesson.file.split(separator: "/").last
    }
}

extension GradeReport {
    /// Reads a report, including one written before attempts, hints and entry errors were recorded.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        lesson = try container.decode(String.self, forKey: .lesson)
        score = try container.decode(Double.self, forKey: .score)
        maxScore = try container.decode(Double.self, forKey: .maxScore)
        exercises = try container.decode([ExerciseGrade].self, forKey: .exercises)
        errors = try container.decodeIfPresent([EntryError].self, forKey: .errors) ?? []
    }
}

extension GradeReport.ExerciseGrade {
    /// Reads a grade, including one written before attempts and hints were recorded.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        status = try container.decode(Status.self, forKey: .status)
        message = try container.decode(String.self, forKey: .message)
        score = try container.decode(Double.self, forKey: .score)
        answer = try container.decodeIfPresent(Answer.self, forKey: .answer)
        failedAttempts = try container.decodeIfPresent(Int.self, forKey: .failedAttempts) ?? 0
        hints = try container.decodeIfPresent([String].self, forKey: .hints) ?? []
        explanation = try container.decodeIfPresent(String.self, forKey: .explanation)
    }
}
