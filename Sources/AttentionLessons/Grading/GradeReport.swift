/// The grade of a student's answers to one lesson, as written to `results.json`.
public struct GradeReport: Codable, Sendable {
    /// How one exercise was graded.
    public struct ExerciseGrade: Codable, Sendable {
        /// Whether the answer passed every check, failed one, or was not given.
        public enum Status: String, Codable, Sendable {
            case correct, incorrect, unanswered
        }

        /// The exercise's id.
        public let id: String
        public let status: Status
        /// Why: the failed check with its expected and found values and the first hint; empty when correct.
        public let message: String
        /// 1 when correct, else 0.
        public let score: Double
    }

    /// The lesson's file.
    public let lesson: String
    /// The sum of the exercises' scores.
    public let score: Double
    /// The number of exercises.
    public let maxScore: Double
    /// One entry per exercise, in lesson order.
    public let exercises: [ExerciseGrade]

    /// Grades `answers` (by exercise id) against `lesson`.
    ///
    /// An answer the checks cannot even evaluate (a string where a number is
    /// compared with `<`) is incorrect, with the reason as its message.
    ///
    /// - Throws: ``LessonError`` for an id in `answers` that is not an exercise of the
    ///   lesson, and for a check that cannot be evaluated with the instructor's own
    ///   answer (a problem with the lesson).
    public init(lesson: Lesson, answers: [String: Answer]) throws(LessonError) {
        let ids = lesson.exercises.map(\.exercise.id)
        if let unknown = answers.keys.sorted().first(where: { !ids.contains($0) }) {
            throw LessonError("the answers name exercise '\(unknown)', which this lesson does not have; its exercises are: "
                + ids.joined(separator: ", "), at: SourceLocation(file: lesson.file, line: 0))
        }
        var grades: [ExerciseGrade] = []
        for item in lesson.exercises {
            let exercise = item.exercise
            _ = try exercise.grade(answer: exercise.answer, against: item.trace)
            guard let answer = answers[exercise.id] else {
                grades.append(ExerciseGrade(id: exercise.id, status: .unanswered, message: "no answer given", score: 0))
                continue
            }
            var message: String
            do {
                let outcome = try exercise.grade(answer: answer, against: item.trace)
                if outcome.isCorrect {
                    grades.append(ExerciseGrade(id: exercise.id, status: .correct, message: "", score: 1))
                    continue
                }
                message = outcome.failures.map(\.description).joined(separator: "; ")
            } catch {
                message = "the answer \(answer) cannot be checked: \(error.message)"
            }
            if let hint = exercise.hints.first { message += ". Hint: \(hint)" }
            grades.append(ExerciseGrade(id: exercise.id, status: .incorrect, message: message, score: 0))
        }
        self.lesson = lesson.file
        self.exercises = grades
        self.score = grades.map(\.score).reduce(0, +)
        self.maxScore = Double(grades.count)
    }
}
