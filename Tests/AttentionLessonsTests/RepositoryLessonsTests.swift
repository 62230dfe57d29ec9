import AttentionLessons
import Foundation
import Testing

/// The course in the repository's `Lessons/` must read cleanly, have an exercise in
/// every lesson, a hint in every exercise, and pass every check with the instructor's answers.
@Suite struct RepositoryLessonsTests {
    @Test func everyLessonInTheRepositoryPassesItsChecks() throws {
        let directory = LessonFixtures.packageRoot + "/Lessons"
        let course: Course
        do {
            course = try Course.read(directory: directory)
        } catch {
            Issue.record("Lessons/ does not read cleanly (or has no NN-slug.md lessons yet):\n\(error)")
            return
        }
        for lesson in course.lessons {
            #expect(!lesson.exercises.isEmpty, "\(lesson.file) has no exercise")
        }
        let run = CheckRun(lessons: course.lessons)
        #expect(run.errors.isEmpty, "\(run.errors.map(\.description).joined(separator: "\n"))")
        #expect(run.failures.isEmpty, "\(run.failures.map(\.description).joined(separator: "\n"))")
        #expect(run.warnings.isEmpty, "\(run.warnings.map(\.description).joined(separator: "\n"))")
        #expect(run.checkCount > 0)
    }

    /// Each file of `Lessons/sample-answers/` answers the lesson of the same name, and grades as
    /// `Lessons/README.md` says it does: these exercises wrong, every other answered one right.
    static let sampleMistakes: [String: Set<String>] = [
        "02-additive": ["02-additive-black-predict", "02-additive-black-weight", "02-additive-keys-shape"],
        "15-modern-models": ["15-alibi-bias", "15-sinks-row-sum", "15-streaming-sees", "15-decode-cost"],
    ]

    @Test func theSampleAnswersGradeAsTheLessonsReadmeSays() throws {
        let directory = LessonFixtures.packageRoot + "/Lessons"
        let course = try Course.read(directory: directory)
        let samples = try FileManager.default.contentsOfDirectory(atPath: directory + "/sample-answers")
            .filter { $0.hasSuffix(".json") }.sorted()
        #expect(samples.map { String($0.dropLast(5)) } == Self.sampleMistakes.keys.sorted())
        for sample in samples {
            let name = String(sample.dropLast(5))
            let lesson = try #require(course.lessons.first { URL(fileURLWithPath: $0.file).lastPathComponent == name + ".md" },
                                      "no lesson \(name).md for sample-answers/\(sample)")
            let path = directory + "/sample-answers/" + sample
            let answers = try AnswersFile(json: Data(contentsOf: URL(fileURLWithPath: path)), file: path)
            let report = try GradeReport(lesson: lesson, answers: answers)
            #expect(report.errors.isEmpty, "\(sample): \(report.errors.map(\.message))")
            #expect(report.exercises.allSatisfy { $0.status != .unanswered && $0.status != .error },
                    "\(sample) leaves an exercise unanswered or unreadable")
            let wrong = Set(report.exercises.filter { $0.status == .incorrect }.map(\.id))
            #expect(wrong == Self.sampleMistakes[name], "\(sample): wrong \(wrong.sorted())")
        }
    }
}
