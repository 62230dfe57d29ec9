import ArgumentParser
import AttentionLessons
import Foundation

/// `attention-trace lessons`: build, check and grade the instructor-written course.
struct LessonsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lessons",
        abstract: "Build, check and grade the lessons of a course.",
        discussion: "The lesson format and the check language are described in Docs/authoring-lessons.md.",
        subcommands: [Build.self, Check.self, Grade.self])

    /// `lessons build Lessons --output site`.
    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "build",
            abstract: "Check every lesson, then write the course as a static site.",
            discussion: """
                Nothing is written unless every lesson reads cleanly and every check passes with the \
                instructor's answer. The site replaces the output directory in one step, and only a \
                directory an earlier build wrote (it holds a \(SiteDirectory.markerName) file) or an empty one.
                """)

        @Argument(help: ArgumentHelp("The directory of lessons (NN-slug.md files).", valueName: "lessons"))
        var directory: String

        @Option(name: .customLong("output"), help: ArgumentHelp("The directory to write the site to.", valueName: "directory"))
        var outputPath: String

        @Option(help: "The course title shown on the index and in every page's navigation.")
        var title = "Attention, traced"

        func run() throws {
            try SiteDirectory.checkOutput(outputPath, against: [directory])
            let course = try readAndCheck(directory, showingProgress: true)
            let files: [(name: String, contents: String)]
            do {
                files = try course.site(title: title)
            } catch {
                try fail([error])
            }
            try SiteDirectory.replace(outputPath, with: files, inputs: [directory])
            printError("wrote \(files.count) pages to \(outputPath)")
        }
    }

    /// `lessons check Lessons`.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Run every exercise's checks with the instructor's answer.")

        @Argument(help: ArgumentHelp("The directory of lessons (NN-slug.md files).", valueName: "lessons"))
        var directory: String

        func run() throws {
            _ = try readAndCheck(directory, showingProgress: false)
        }
    }

    /// `lessons grade Lessons/NN-name.md --answers answers.json`.
    struct Grade: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "grade",
            abstract: "Grade a student's answers to one lesson.",
            discussion: """
                The answers file is a JSON object mapping exercise ids to answers (a string, a number \
                or a list). Feedback says what is wrong without the values an answer is compared with \
                (unless --reveal, or the exercise's 'reveal: true'). Each run continues the results file: \
                a wrong answer counts as a failed attempt and unlocks the exercise's next hint, and a right \
                one shows its explanation. Exits with 0 whenever grading succeeds, however many answers \
                are wrong or unreadable.
                """)

        @Argument(help: ArgumentHelp("The lesson file.", valueName: "lesson"))
        var lessonPath: String

        @Option(name: .customLong("answers"), help: ArgumentHelp("The student's answers.", valueName: "file"))
        var answersPath: String

        @Option(name: .customLong("results"), help: ArgumentHelp(
            "Where to write the results; an earlier results file there is continued.", valueName: "file"))
        var resultsPath = "results.json"

        @Flag(help: "Show the values each answer was compared with (for instructors).")
        var reveal = false

        func run() throws {
            try FileAccess.checkOutput(resultsPath, against: [lessonPath, answersPath])
            let previous = try previousReport()
            let lesson: Lesson
            do {
                lesson = try Lesson(contentsOf: lessonPath)
            } catch {
                try fail(error.errors)
            }
            let report: GradeReport
            do {
                let answers = try AnswersFile(json: try FileAccess.read(answersPath), file: answersPath)
                report = try GradeReport(lesson: lesson, answers: answers, revealing: reveal, previous: previous)
            } catch let error as LessonError {
                try fail([error])
            }
            for grade in report.exercises { print(Self.lines(for: grade)) }
            for error in report.errors {
                printError("\(answersPath):\(error.line.map(String.init) ?? "1"): \(error.message)")
            }
            print("score: \(formatScore(report.score)) of \(formatScore(report.maxScore))")
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let json = String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
            try FileAccess.write(json, to: resultsPath)
        }

        /// The results file already at `--results`, which this run continues; `nil` when there is none.
        ///
        /// - Throws: ``CommandFailure`` when the file exists but is not a results file, so that
        ///   grading never overwrites anything else.
        private func previousReport() throws -> GradeReport? {
            guard FileManager.default.fileExists(atPath: resultsPath) else { return nil }
            let data = try FileAccess.read(resultsPath)
            guard let report = try? JSONDecoder().decode(GradeReport.self, from: data) else {
                throw CommandFailure("refusing to write '\(resultsPath)': it exists and is not a results file of "
                    + "lessons grade; choose another --results")
            }
            return report
        }

        /// `✓ id` with the explanation, `✗ id: feedback` with the newest hint, `– id: no answer given`, `! id: error`.
        private static func lines(for grade: GradeReport.ExerciseGrade) -> String {
            func indented(_ label: String, _ text: String) -> String {
                "\n  \(label): " + text.split(whereSeparator: \.isNewline).joined(separator: " ")
            }
            switch grade.status {
            case .correct:
                return "✓ \(grade.id)" + (grade.explanation.map { indented("why", $0) } ?? "")
            case .incorrect:
                let hint = grade.hints.last.map { indented("hint \(grade.hints.count)", $0) } ?? ""
                return "✗ \(grade.id): \(grade.message)" + hint
            case .unanswered:
                return "– \(grade.id): \(grade.message)"
            case .error:
                return "! \(grade.id): \(grade.message)"
            }
        }

        private func formatScore(_ score: Double) -> String {
            score == score.rounded() ? String(Int(score)) : String(score)
        }
    }
}

/// Reads every lesson in `directory` and runs every check with the instructor's answers,
/// printing failures, errors and the summary.
///
/// - Throws: `ExitCode.failure` after printing, when anything failed.
private func readAndCheck(_ directory: String, showingProgress: Bool) throws -> Course {
    let course: Course
    do {
        course = try Course.read(directory: directory) { number, count, file in
            if showingProgress { printError("[\(number)/\(count)] \(URL(fileURLWithPath: file).lastPathComponent)") }
        }
    } catch {
        try fail(error.errors)
    }
    let run = CheckRun(lessons: course.lessons)
    // `check` reports on standard output; `build` keeps standard output clean and reports on standard error.
    func report(_ line: String) {
        if showingProgress { printError(line) } else { print(line) }
    }
    for failure in run.failures { report(failure.description) }
    for error in run.errors { printError(error.description) }
    for warning in run.warnings { printError("\(warning.location): warning: \(warning.message)") }
    report(run.summary)
    guard run.succeeded else { throw ExitCode.failure }
    return course
}

/// Prints each error on its own line of standard error and fails.
private func fail(_ errors: [LessonError]) throws -> Never {
    for error in errors { printError(error.description) }
    throw ExitCode.failure
}

private func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
