import AttentionLessons
import Foundation
import Testing

/// `lessons grade` and `lessons check` as a student and an instructor meet them (issue 11, items 10, 12 and 14),
/// on the fixture course's `01-additive.md`: `hand-first-weight` (answer 0.6817 ± 1e-4, two hints, an
/// explanation) and `zoo-shape` (answer [8, 7], no hint).
@Suite struct GradingCommandTests {
    private let lesson = LessonFixtures.path("course/01-additive.md")

    /// Grades `answers` in `directory`, whose `results.json` each run continues.
    private func grade(_ answers: String, in directory: URL, _ extra: [String] = []) throws -> (CommandRun, GradeReport) {
        let file = directory.appendingPathComponent("answers.json")
        try Data(answers.utf8).write(to: file)
        let run = try CommandRun(["lessons", "grade", lesson, "--answers", file.path] + extra, in: directory.path)
        let report = try JSONDecoder().decode(GradeReport.self,
                                              from: Data(contentsOf: directory.appendingPathComponent("results.json")))
        return (run, report)
    }

    @Test func eachFailedAttemptUnlocksTheNextHintAndARightAnswerItsExplanation() throws {
        let temporary = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temporary) }
        let (first, one) = try grade(#"{"hand-first-weight": 0.5}"#, in: temporary)
        #expect(first.standardOutput.contains("  hint 1: The weights are the softmax of the scores.\n"))
        #expect(one.exercises[0].failedAttempts == 1 && one.exercises[0].hints.count == 1)

        // The same wrong answer again is not a new attempt.
        let (_, again) = try grade(#"{"hand-first-weight": 0.5}"#, in: temporary)
        #expect(again.exercises[0].failedAttempts == 1)

        let (second, two) = try grade(#"{"hand-first-weight": 0.7}"#, in: temporary)
        #expect(second.standardOutput.contains("  hint 2: The scores are tanh 2 and tanh 2 − tanh 1.\n"))
        #expect(two.exercises[0].failedAttempts == 2)
        #expect(two.exercises[0].hints == ["The weights are the softmax of the scores.", "The scores are tanh 2 and tanh 2 − tanh 1."])
        #expect(two.exercises[0].explanation == nil)

        let (third, right) = try grade(#"{"hand-first-weight": 0.6817}"#, in: temporary)
        #expect(third.standardOutput.hasPrefix("✓ hand-first-weight\n  why: α₁ = 1 / (1 + exp(−tanh 1)).\n"))
        #expect(right.exercises[0].status == .correct && right.exercises[0].failedAttempts == 2)
        #expect(right.exercises[0].explanation == "α₁ = 1 / (1 + exp(−tanh 1)).")
        #expect(right.exercises[0].answer == .number(0.6817))
    }

    @Test func feedbackHidesTheExpectedValueUnlessRevealed() throws {
        let temporary = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temporary) }
        let (hidden, _) = try grade(#"{"hand-first-weight": 0.5, "zoo-shape": [7, 8]}"#, in: temporary)
        #expect(!hidden.standardOutput.contains("0.6817") && !hidden.standardOutput.contains("[8, 7]"))
        #expect(hidden.standardOutput.contains("✗ zoo-shape: your answer [7, 8] is wrong at positions 0, 1\n"))
        let (shown, _) = try grade(#"{"hand-first-weight": 0.5, "zoo-shape": [7, 8]}"#, in: temporary, ["--reveal"])
        #expect(shown.standardOutput.contains(#"✗ hand-first-weight: your answer is 0.5000, but weights["the", "le"] is 0.6817 (± 0.0001)"#))
        #expect(shown.standardOutput.contains("✗ zoo-shape: your answer is [7, 8], but shape(weights) is [8, 7]\n"))
    }

    @Test func oneBadEntryDoesNotStopTheGrade() throws {
        let temporary = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temporary) }
        let (run, report) = try grade("{\n  \"hand-first-weight\": null,\n  \"zoo-shpe\": [8, 7]\n}", in: temporary)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(report.exercises.map(\.status) == [.error, .unanswered])
        let answers = temporary.appendingPathComponent("answers.json").path
        #expect(report.exercises[0].message
            == "\(answers):2: the answer is null; an answer is a string, a number or a list of them")
        #expect(report.errors.map(\.id) == ["zoo-shpe"] && report.errors.map(\.line) == [3])
        #expect(report.errors.map(\.message) == ["no exercise 'zoo-shpe' in this lesson; did you mean 'zoo-shape'?"])
        #expect(run.standardError == "\(answers):3: no exercise 'zoo-shpe' in this lesson; did you mean 'zoo-shape'?\n")
        #expect(run.standardOutput.hasPrefix("! hand-first-weight: \(answers):2: the answer is null"))
    }

    @Test func gradeNeverOverwritesAFileThatIsNotItsResults() throws {
        let temporary = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temporary) }
        let notes = temporary.appendingPathComponent("results.json")
        try Data("my notes".utf8).write(to: notes)
        let answers = temporary.appendingPathComponent("answers.json")
        try Data(#"{"zoo-shape": [8, 7]}"#.utf8).write(to: answers)
        let run = try CommandRun(["lessons", "grade", lesson, "--answers", answers.path], in: temporary.path)
        #expect(run.status == 1)
        #expect(run.standardError == "Error: refusing to write 'results.json': it exists and is not a results file of "
            + "lessons grade; choose another --results\n")
        #expect(try String(contentsOf: notes, encoding: .utf8) == "my notes")
    }

    @Test func checkWarnsAboutAnExerciseWithoutAHint() throws {
        let run = try CommandRun(["lessons", "check", LessonFixtures.path("course")])
        #expect(run.status == 0)
        #expect(run.standardError.contains("/01-additive.md:40: warning: exercise 'zoo-shape' has no hint"))
        #expect(!run.standardError.contains("'hand-first-weight' has no hint"))
    }
}
