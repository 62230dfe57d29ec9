/// The outcome of running every exercise's checks with the instructor's answers: `lessons check`.
public struct CheckRun: Sendable {
    /// A check that failed with the instructor's answer.
    public struct Failure: Sendable, CustomStringConvertible {
        /// The exercise's id.
        public let exercise: String
        /// The failed check's result.
        public let result: CheckResult

        /// `Lessons/03-additive.md:42: exercise 'hier': check … failed: the answer is 'zoo', but argmax(weights[row: "hier"]) is 'yesterday'`.
        public var description: String {
            let location = result.check.location
            return "\(location.file):\(location.line): exercise '\(exercise)': \(result)"
        }
    }

    /// The number of checks evaluated (passed or failed).
    public private(set) var checkCount = 0
    /// The number of exercises.
    public private(set) var exerciseCount = 0
    /// The checks that failed.
    public private(set) var failures: [Failure] = []
    /// Checks that could not be evaluated: problems with the lesson, not failures.
    public private(set) var errors: [LessonError] = []
    /// What does not stop a course but leaves students without help: an exercise with no hint.
    public private(set) var warnings: [LessonError] = []

    /// Runs every check of every exercise in `lessons` with the instructor's answer.
    public init(lessons: [Lesson]) {
        for lesson in lessons {
            for item in lesson.exercises {
                exerciseCount += 1
                if item.exercise.hints.isEmpty {
                    warnings.append(LessonError("exercise '\(item.exercise.id)' has no hint; a student who answers it wrong "
                        + "is told only what is wrong (add a 'hint:', one for each attempt you want to help)", at: item.location))
                }
                for check in item.exercise.checks {
                    do {
                        let result = try check.evaluate(answer: item.exercise.answer, in: item.trace)
                        checkCount += 1
                        if !result.passed { failures.append(Failure(exercise: item.exercise.id, result: result)) }
                    } catch {
                        errors.append(error)
                    }
                }
            }
        }
    }

    /// Whether every check was evaluated and passed.
    public var succeeded: Bool { failures.isEmpty && errors.isEmpty }

    /// `N checks in M exercises: P passed, F failed`.
    public var summary: String {
        "\(checkCount) check\(checkCount == 1 ? "" : "s") in \(exerciseCount) exercise\(exerciseCount == 1 ? "" : "s"): "
            + "\(checkCount - failures.count) passed, \(failures.count) failed"
            + (errors.isEmpty ? "" : ", \(errors.count) could not be evaluated")
    }
}
