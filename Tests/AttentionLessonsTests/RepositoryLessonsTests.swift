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
}
