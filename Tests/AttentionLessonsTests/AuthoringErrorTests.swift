@testable import AttentionLessons
import Foundation
import Testing

/// Checks an author can get wrong: nesting too deep for the stack (item 7) and checks that never read `answer` (item 15).
@Suite struct AuthoringErrorTests {
    private let location = SourceLocation(file: "lesson.md", line: 9, column: 8)

    private func parseError(_ text: String) -> LessonError? {
        do {
            _ = try Check(text, at: location)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [
        (String(repeating: "not ", count: 5_000) + "answer == 4 * count(weights)", 8 + 64 * 4),
        (String(repeating: "(", count: 5_000) + "answer" + String(repeating: ")", count: 5_000) + " == 1", 8 + 64),
        ("answer == " + String(repeating: "-", count: 5_000) + "1", 18 + 64),
        ("answer == " + String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000), 18 + 64),
        ("answer == weights" + String(repeating: "[0", count: 5_000) + String(repeating: "]", count: 5_000), 25 + 64 * 2),
        ("answer == " + String(repeating: "abs(", count: 5_000) + "1" + String(repeating: ")", count: 5_000), 18 + 64 * 4 + 3),
    ])
    func deepNestingIsAnErrorAtTheLevelThatIsTooDeep(_ text: String, _ column: Int) throws {
        let error = try #require(parseError(text))
        #expect(error.message.hasPrefix("the check nests more than 64 levels deep here"))
        #expect(error.location == SourceLocation(file: "lesson.md", line: 9, column: column))
    }

    @Test func aLongChainOfOperatorsIsBoundedToo() throws {
        // `1 + 1 + …` parses in a loop but makes a tree as deep as it is long, which the evaluator recurses over.
        let error = try #require(parseError("answer == " + Array(repeating: "1", count: 5_000).joined(separator: " + ")))
        #expect(error.message.hasPrefix("the check nests more than 64 levels deep"))
        let fine = Array(repeating: "1", count: 60).joined(separator: " + ")
        #expect(try Check("answer == " + fine).evaluate(answer: .number(60), in: LessonFixtures.handTrace()).passed)
    }

    @Test func nestingThatACheckNeedsStillParses() throws {
        #expect(parseError("not not (answer == argmax(weights[row: abs(-(0))]))") == nil)
        #expect(parseError(String(repeating: "not ", count: 60) + "answer == 1") == nil)
    }

    @Test func lessonsCheckReportsADeepCheckInsteadOfCrashing() throws {
        let temporary = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temporary) }
        let check = String(repeating: "not ", count: 3_000) + "answer == 4 * count(head0.normalise.weights)"
        let lesson = """
            # Deep

            ```{trace}
            variant: multi-head
            heads: 2
            source: the cat sat
            ```

            ```{exercise}
            id: deep
            question: How many?
            answer: 36
            check: \(check)
            hint: Count.
            ```

            """
        try Data(lesson.utf8).write(to: temporary.appendingPathComponent("01-deep.md"))
        let run = try CommandRun(["lessons", "check", temporary.path])
        #expect(run.status == 1)
        // The 65th `not` opens the level that is too deep: column 8 + 64 × 4 of line 13.
        #expect(run.standardError.hasPrefix("\(temporary.path)/01-deep.md:13:264: the check nests more than 64 levels deep"),
                "\(run.standardError)")
    }

    @Test func anExerciseWhoseChecksNeverReadTheAnswerIsAnError() throws {
        #expect {
            try Exercise(id: "free", question: "?", answer: .number(1), checks: ["weights[0, 0] == 1 ± 1e-3", "1 < 2"])
        } throws: { error in
            let error = error as? LessonError
            return error?.location == SourceLocation(file: "check 1 of exercise 'free'", line: 1, column: 1)
                && error?.message.hasPrefix("no check of exercise 'free' reads 'answer', so every answer would pass") == true
        }
        // A check that does not read the answer is fine beside one that does.
        _ = try Exercise(id: "ok", question: "?", answer: .number(1), checks: ["sum(weights[row: 0]) == 1 ± 1e-9", "answer == 1"])
    }

    @Test func aLessonExerciseWhoseChecksNeverReadTheAnswerIsAnErrorAtItsLine() throws {
        let lesson = """
            # Title

            ```{trace}
            variant: additive
            source: le chat
            target: the cat
            ```

            ```{exercise}
            id: free
            question: Anything?
            answer: 1
            check: t0.score.scores[0, 1] == 1 ± 1e-3
            hint: none needed
            ```
            """
        #expect {
            try Lesson(parsing: lesson, file: "Lessons/01-free.md")
        } throws: { error in
            guard let errors = error as? LessonErrors, errors.errors.count == 1 else { return false }
            return errors.errors[0].location == SourceLocation(file: "Lessons/01-free.md", line: 13, column: 8)
                && errors.errors[0].message.contains("reads 'answer'")
        }
    }
}
