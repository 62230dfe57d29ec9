import Foundation

/// Every lesson of a course, in file-name order.
public struct Course: Sendable {
    /// The lessons, ordered by file name (`01-…`, `02-…`).
    public let lessons: [Lesson]

    /// Collects already-read lessons and checks that exercise ids are unique across them.
    ///
    /// - Throws: ``LessonErrors`` with one error per repeated id, at the repeat.
    public init(_ lessons: [Lesson]) throws(LessonErrors) {
        var seen: [String: LessonExercise] = [:]
        var errors: [LessonError] = []
        for lesson in lessons {
            for exercise in lesson.exercises {
                let id = exercise.exercise.id
                if let first = seen[id] {
                    if first.location.file != exercise.location.file {
                        errors.append(LessonError("exercise id '\(id)' is already used in \(first.location); ids must be "
                            + "unique across all lessons", at: exercise.location))
                    }
                } else {
                    seen[id] = exercise
                }
            }
        }
        guard errors.isEmpty else { throw LessonErrors(errors) }
        self.lessons = lessons
    }

    /// The lesson files in `directory`: names of the form `NN-slug.md`, sorted. Other files are ignored.
    ///
    /// - Throws: ``LessonError`` when the directory cannot be listed or holds no lessons.
    public static func lessonFiles(in directory: String) throws(LessonError) -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw LessonError("cannot list the lessons directory", at: SourceLocation(file: directory, line: 0))
        }
        let lessons = names.filter(isLessonFileName).sorted()
        guard !lessons.isEmpty else {
            throw LessonError("no lessons here: a lesson is a file named like 01-introduction.md",
                              at: SourceLocation(file: directory, line: 0))
        }
        return lessons.map { directory.hasSuffix("/") ? directory + $0 : directory + "/" + $0 }
    }

    /// Whether `name` is `NN-slug.md`: digits, a hyphen, a slug and `.md`.
    static func isLessonFileName(_ name: String) -> Bool {
        guard name.hasSuffix(".md"), let hyphen = name.firstIndex(of: "-") else { return false }
        let number = name[..<hyphen]
        return !number.isEmpty && number.allSatisfy(\.isASCII) && number.allSatisfy(\.isNumber)
            && name.count > number.count + 1 + ".md".count
    }

    /// Reads and checks every lesson in `directory`.
    ///
    /// - Parameter progress: Called before each file with its 1-based number, the count and the file.
    /// - Throws: ``LessonErrors`` with every problem in every lesson.
    public static func read(directory: String,
                            progress: (_ number: Int, _ count: Int, _ file: String) -> Void = { _, _, _ in })
        throws(LessonErrors) -> Course {
        let files: [String]
        do {
            files = try lessonFiles(in: directory)
        } catch {
            throw LessonErrors([error])
        }
        var lessons: [Lesson] = []
        var errors: [LessonError] = []
        for (number, file) in files.enumerated() {
            progress(number + 1, files.count, file)
            do {
                lessons.append(try Lesson(contentsOf: file))
            } catch {
                errors += error.errors
            }
        }
        let course: Course
        do {
            course = try Course(lessons)
        } catch {
            throw LessonErrors(errors + error.errors)
        }
        guard errors.isEmpty else { throw LessonErrors(errors) }
        return course
    }
}

extension Lesson {
    /// Reads the lesson in `file`.
    ///
    /// - Throws: ``LessonErrors``; an unreadable file is one error at line 0.
    public init(contentsOf file: String) throws(LessonErrors) {
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw LessonErrors([LessonError("cannot read the lesson (missing, unreadable, or not UTF-8)",
                                            at: SourceLocation(file: file, line: 0))])
        }
        try self.init(parsing: text, file: file)
    }
}
