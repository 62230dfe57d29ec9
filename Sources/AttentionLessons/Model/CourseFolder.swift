import Foundation

/// The folder of a lesson file, the only place its `input:` files may come from.
///
/// A course is often assembled from files written by several people, so a lesson may not
/// read a file outside its folder: not by an absolute path, not through `..`, and not through
/// a symbolic link that points outside.
struct CourseFolder {
    /// The folder as the lesson's path names it (`Lessons`), for messages and for the paths returned.
    let path: String
    /// The folder with every symbolic link resolved.
    private let resolved: String

    /// The folder of `lessonFile`.
    init(containing lessonFile: String) {
        let folder = URL(fileURLWithPath: lessonFile).deletingLastPathComponent()
        path = (lessonFile as NSString).deletingLastPathComponent
        resolved = folder.resolvingSymlinksInPath().standardizedFileURL.path
    }

    /// The path of the file `relative` names inside the folder.
    ///
    /// - Parameters:
    ///   - relative: The path as the lesson writes it, relative to the lesson's folder.
    ///   - location: Where the lesson writes it, for the error.
    /// - Throws: ``LessonError`` for an absolute path, or a path that (once `..` and symbolic
    ///   links are resolved) leaves the folder.
    func file(_ relative: String, at location: SourceLocation) throws(LessonError) -> String {
        let shown = path.isEmpty ? "." : path
        guard !relative.hasPrefix("/") else {
            throw LessonError("input '\(relative)' is an absolute path; a lesson reads only files inside its course "
                + "folder '\(shown)', named relative to it", at: location)
        }
        let joined = path.isEmpty ? relative : path + "/" + relative
        let target = URL(fileURLWithPath: joined).resolvingSymlinksInPath().standardizedFileURL.path
        guard target.hasPrefix(resolved == "/" ? "/" : resolved + "/") else {
            throw LessonError("input '\(relative)' is outside the course folder '\(shown)' (it resolves to '\(target)'); "
                + "a lesson reads only files inside its folder", at: location)
        }
        return joined
    }
}
