import Foundation

/// Writes a set of files as a directory that appears complete or not at all.
enum SiteDirectory {
    /// Writes `files` into a temporary directory beside `output`, then puts it in `output`'s place.
    ///
    /// When `output` does not exist this is one rename. When it does, the old directory is
    /// renamed aside, the new one renamed in, and the old one removed; if the second rename
    /// fails the old directory is renamed back. Any failure removes the temporary directory
    /// and leaves an existing `output` as it was.
    ///
    /// - Throws: ``CommandFailure`` naming the path that could not be written.
    static func replace(_ output: String, with files: [(name: String, contents: String)]) throws {
        let manager = FileManager.default
        let target = URL(fileURLWithPath: output).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        let suffix = "\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        let temporary = parent.appendingPathComponent(".\(target.lastPathComponent).building-\(suffix)")
        let aside = parent.appendingPathComponent(".\(target.lastPathComponent).replaced-\(suffix)")
        var isDirectory: ObjCBool = false
        let exists = manager.fileExists(atPath: target.path, isDirectory: &isDirectory)
        if exists && !isDirectory.boolValue {
            throw CommandFailure("cannot write the site to '\(output)': it exists and is not a directory")
        }
        do {
            try manager.createDirectory(at: temporary, withIntermediateDirectories: true)
            for file in files {
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
