import Foundation

/// Writes a set of files as a directory that appears complete or not at all, and only ever
/// replaces a directory it wrote itself.
enum SiteDirectory {
    /// The file every built site holds, by which a later build knows the directory is one it may replace.
    static let markerName = ".attention-trace-site"
    private static let markerContents = """
        This directory was written by `attention-trace lessons build`, which replaces it on the next build.
        Do not keep anything else here.

        """

    /// Refuses an output that would destroy something other than an earlier site.
    ///
    /// The output may not be (or contain) one of `inputs` or the current directory, and an
    /// existing directory must be empty or hold ``markerName``. Paths are resolved as
    /// ``FileAccess/resolved(_:)`` does.
    ///
    /// - Throws: ``CommandFailure`` naming the output and what it would replace.
    static func checkOutput(_ output: String, against inputs: [String]) throws {
        try FileAccess.checkOutput(output, against: inputs)
        let target = FileAccess.resolved(output), here = FileAccess.resolved(".")
        if here == target || here.hasPrefix(target == "/" ? "/" : target + "/") {
            throw CommandFailure("refusing to replace '\(output)': it \(here == target ? "is" : "contains") the current "
                + "directory; write the site to a folder of its own, such as --output site")
        }
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: output, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else {
            throw CommandFailure("cannot write the site to '\(output)': it exists and is not a directory")
        }
        let contents = (try? manager.contentsOfDirectory(atPath: output)) ?? []
        guard contents.isEmpty || contents.contains(markerName) else {
            throw CommandFailure("refusing to replace '\(output)': it is not a site built by lessons build (it has no "
                + "\(markerName) file); remove it or choose another --output")
        }
    }

    /// Writes `files` and the marker into a temporary directory beside `output`, then puts it in `output`'s place.
    ///
    /// When `output` does not exist this is one rename. When it does, the old directory is
    /// renamed aside, the new one renamed in, and the old one removed; if the second rename
    /// fails the old directory is renamed back. Any failure removes the temporary directory
    /// and leaves an existing `output` as it was.
    ///
    /// - Throws: ``CommandFailure`` from ``checkOutput(_:against:)``, or naming the path that could not be written.
    static func replace(_ output: String, with files: [(name: String, contents: String)], inputs: [String]) throws {
        try checkOutput(output, against: inputs)
        let manager = FileManager.default
        let target = URL(fileURLWithPath: output).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        let suffix = "\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        let temporary = parent.appendingPathComponent(".\(target.lastPathComponent).building-\(suffix)")
        let aside = parent.appendingPathComponent(".\(target.lastPathComponent).replaced-\(suffix)")
        let exists = manager.fileExists(atPath: target.path)
        do {
            try manager.createDirectory(at: temporary, withIntermediateDirectories: true)
            for file in files + [(name: markerName, contents: markerContents)] {
                try Data(file.contents.utf8).write(to: temporary.appendingPathComponent(file.name))
            }
            if exists {
                try manager.moveItem(at: target, to: aside)
                do {
                    try manager.moveItem(at: temporary, to: target)
                } catch {
                    try? manager.moveItem(at: aside, to: target)
                    throw error
                }
                try? manager.removeItem(at: aside)
            } else {
                try manager.moveItem(at: temporary, to: target)
            }
        } catch {
            try? manager.removeItem(at: temporary)
            throw CommandFailure("cannot write the site to '\(output)': \(error.localizedDescription)")
        }
    }
}
