import AttentionLessons
import Foundation
import Testing

/// `attention-trace lessons …` end to end, through the built binary.
@Suite struct LessonsCommandTests {
    @Test func checkPassesOnTheFixtureCourse() throws {
        let run = try CommandRun(["lessons", "check", LessonFixtures.path("course")])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput == "5 checks in 3 exercises: 5 passed, 0 failed\n")
    }

    @Test func checkReportsAWrongInstructorAnswerPrecisely() throws {
        let lessons = LessonFixtures.path("wrong-answer")
        let run = try CommandRun(["lessons", "check", lessons])
        #expect(run.status != 0)
        #expect(run.standardOutput == """
            \(lessons)/01-additive-zoo.md:13: exercise 'hier-looks-at': check argmax(weights[row: "hier"]) == answer \
            failed: the answer is 'zoo', but argmax(weights[row: "hier"]) is 'the'
            2 checks in 1 exercise: 1 passed, 1 failed

            """)
    }

    @Test func checkReportsLessonErrorsAsFileAndLine() throws {
        let run = try CommandRun(["lessons", "check", LessonFixtures.path("duplicate-ids")])
        #expect(run.status != 0)
        #expect(run.standardError.contains("/02-second.md:8: exercise id 'shared' is already used in"))
    }

    @Test func buildWritesAnIndexAndLinkedStandalonePages() throws {
        let temporary = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temporary) }
        let site = temporary.appendingPathComponent("site").path
        let run = try CommandRun(["lessons", "build", LessonFixtures.path("course"), "--output", site])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardError.hasPrefix("[1/2] 01-additive.md\n[2/2] 02-self.md\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: site).sorted()
            == [".attention-trace-site", "01-additive.html", "02-self.html", "index.html"])
        let index = try String(contentsOfFile: site + "/index.html", encoding: .utf8)
        #expect(index.contains(#"<a href="01-additive.html">Additive attention by hand</a> <span class="exercise-count">(2 exercises)</span>"#))
        #expect(index.contains(#"<a href="02-self.html">Self-attention</a> <span class="exercise-count">(1 exercise)</span>"#))
        let first = try String(contentsOfFile: site + "/01-additive.html", encoding: .utf8)
        let second = try String(contentsOfFile: site + "/02-self.html", encoding: .utf8)
        #expect(first.contains(#"<a rel="next" href="02-self.html">"#) && !first.contains(#"rel="prev""#))
        #expect(second.contains(#"<a rel="prev" href="01-additive.html">"#) && !second.contains(#"rel="next""#))
        #expect(first.contains(##"<li><a href="#exercise-zoo-shape">Exercise 2</a></li>"##))
        #expect(first.contains("<math display=\"block\""))
        #expect(first.contains("<details class=\"hint\"><summary>Hint 1</summary>"))
        #expect(first.contains("<table class=\"tensor comparison strongest\">"))
        #expect(second.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !second.contains("<script>alert(1)"))
        for page in [index, first, second] {
            #expect(page.hasPrefix("<!doctype html>"))
            #expect(page.range(of: #"(src|href)="https?://"#, options: .regularExpression) == nil)
            #expect(page.contains("prefers-color-scheme: dark") && page.contains("@media print"))
        }
    }

    @Test func aFailedBuildLeavesTheExistingSiteAndNoTemporaryDirectory() throws {
        let temporary = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temporary) }
        let site = temporary.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        try Data("old".utf8).write(to: site.appendingPathComponent("index.html"))
        try Data().write(to: site.appendingPathComponent(".attention-trace-site"))
        let run = try CommandRun(["lessons", "build", LessonFixtures.path("wrong-answer"), "--output", site.path])
        #expect(run.status != 0)
        #expect(try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path) == ["site"])

        let rebuilt = try CommandRun(["lessons", "build", LessonFixtures.path("course"), "--output", site.path])
        #expect(rebuilt.status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path) == ["site"])
        #expect(try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8).hasPrefix("<!doctype html>"))
    }

    @Test func gradeWritesResultsWithEveryStatus() throws {
        let temporary = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temporary) }
        let answers = temporary.appendingPathComponent("answers.json")
        try Data(#"{"hand-first-weight": 0.5}"#.utf8).write(to: answers)
        let run = try CommandRun(["lessons", "grade", LessonFixtures.path("course/01-additive.md"), "--answers", answers.path],
                                 in: temporary.path)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput == """
            ✗ hand-first-weight: your answer 0.5000 is too low by between 0.1 and 1 (the tolerance is ± 0.0001)
              hint 1: The weights are the softmax of the scores.
            – zoo-shape: no answer given
            score: 0 of 2

            """)
        let data = try Data(contentsOf: temporary.appendingPathComponent("results.json"))
        let report = try JSONDecoder().decode(GradeReport.self, from: data)
        #expect(report.score == 0 && report.maxScore == 2)
        #expect(report.exercises.map(\.status) == [.incorrect, .unanswered])
        #expect(String(decoding: data, as: UTF8.self).contains(#""exercises" : ["#))

        try Data(#"{"hand-first-weight": 0.6817, "zoo-shape": [8, 7]}"#.utf8).write(to: answers)
        let results = temporary.appendingPathComponent("out.json").path
        let correct = try CommandRun(["lessons", "grade", LessonFixtures.path("course/01-additive.md"), "--answers",
                                      answers.path, "--results", results])
        #expect(correct.status == 0)
        let graded = try JSONDecoder().decode(GradeReport.self, from: Data(contentsOf: URL(fileURLWithPath: results)))
        #expect(graded.score == 2 && graded.exercises.map(\.status) == [.correct, .correct])
    }

    @Test func gradeRefusesMalformedAnswersAndUnknownExercises() throws {
        let temporary = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temporary) }
        let answers = temporary.appendingPathComponent("answers.json")
        try Data("{\n  \"zoo-shape\": [8, 7\n}".utf8).write(to: answers)
        let malformed = try CommandRun(["lessons", "grade", LessonFixtures.path("course/01-additive.md"), "--answers", answers.path],
                                       in: temporary.path)
        #expect(malformed.status != 0)
        #expect(malformed.standardError.hasPrefix("\(answers.path):3:1: malformed JSON"), "\(malformed.standardError)")

        try Data("{\n  \"no-such-exercise\": 1\n}".utf8).write(to: answers)
        let unknown = try CommandRun(["lessons", "grade", LessonFixtures.path("course/01-additive.md"), "--answers", answers.path],
                                     in: temporary.path)
        #expect(unknown.status == 0)
        #expect(unknown.standardError == "\(answers.path):2: no exercise 'no-such-exercise' in this lesson; "
            + "its exercises are: hand-first-weight, zoo-shape\n")
        #expect(FileManager.default.fileExists(atPath: temporary.appendingPathComponent("results.json").path))
    }
}
