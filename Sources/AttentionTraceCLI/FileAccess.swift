import AttentionJSON
import AttentionRendering
import Foundation

/// Reads input files and writes results, turning file-system errors into one-line messages.
enum FileAccess {
    /// The contents of the file at `path`, memory-mapped when it is a regular file (a large spec or
    /// checkpoint is then read by the pages its reader touches, not copied first), read whole when
    /// it is a pipe such as `/dev/stdin`, which cannot be mapped.
    static func read(_ path: String) throws -> Data {
        if isDirectory(path) { throw CommandFailure("cannot read '\(path)': it is a directory") }
        let isRegular = (try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeRegular
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path), options: isRegular ? .alwaysMapped : [])
        } catch {
            throw CommandFailure("cannot read '\(path)': \(reason(error))")
        }
    }

    /// Refuses to write `output` when that would destroy an input, before anything is read or written.
    ///
    /// Paths are compared as the file system resolves them (``resolved(_:)``), so `./spec.json`,
    /// `dir/../spec.json` and a symbolic link to `spec.json` are all `spec.json`. An output is
    /// refused when it is one of `inputs` or a folder that contains one, and when its name is not
    /// valid UTF-8 (the command line shows such bytes as U+FFFD, and the file would be created
    /// under that mangled name).
    ///
    /// - Parameters:
    ///   - output: The path about to be written.
    ///   - inputs: The files and folders the command reads.
    /// - Throws: ``CommandFailure`` naming the output and the input it would overwrite.
    static func checkOutput(_ output: String, against inputs: [String]) throws {
        if output.unicodeScalars.contains("\u{FFFD}") {
            throw CommandFailure("refusing to write '\(output)': the path is not valid UTF-8; name the output in UTF-8")
        }
        let target = resolved(output)
        for input in inputs {
            let source = resolved(input)
            if source == target {
                throw CommandFailure("refusing to write '\(output)': it is the input '\(input)'; choose another output")
            }
            if source.hasPrefix(target == "/" ? "/" : target + "/") {
                throw CommandFailure("refusing to write '\(output)': it contains the input '\(input)'; choose another output")
            }
        }
    }

    /// The absolute path `path` names, as the file system resolves it: `.`, `..` and every
    /// symbolic link followed (`realpath`). A path that does not exist yet is its folder's
    /// resolved path and its name; one whose folder does not exist either is standardised as written.
    static func resolved(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        if let real = realPath(absolute) { return real }
        let url = URL(fileURLWithPath: absolute)
        guard ![".", ".."].contains(url.lastPathComponent), let folder = realPath(url.deletingLastPathComponent().path) else {
            return url.standardizedFileURL.path
        }
        return (folder == "/" ? "" : folder) + "/" + url.lastPathComponent
    }

    /// `realpath(3)` of `path`, or `nil` when some part of it does not exist.
    private static func realPath(_ path: String) -> String? {
        guard let real = realpath(path, nil) else { return nil }
        defer { free(real) }
        return String(cString: real)
    }

    /// Writes `text` to `path` so that it appears complete or not at all, or to
    /// standard output when `path` is `nil` (see ``write(to:_:)``).
    static func write(_ text: String, to path: String?) throws {
        try write(to: path) { output in try output.write(text) }
    }

    /// Writes what `body` writes into the sink to `path`, so that the file appears
    /// complete or not at all, or to standard output when `path` is `nil`.
    ///
    /// The bytes go to a temporary file beside `path` (on the same file system, so
    /// the final rename is atomic) that replaces `path` once `body` returns. When
    /// `body` or a write fails, the temporary file is removed and an existing file
    /// at `path` is left as it was. Standard output takes the bytes as they come.
    ///
    /// - Throws: The ``RenderingError`` of a ``StreamingError/rendering(_:)`` from `body`;
    ///   for any other failure, ``CommandFailure`` naming the file and the reason
    ///   (every other error of `body` is its sink's, that is, the file's).
    static func write(to path: String?, _ body: (inout FileHandleSink) throws -> Void) throws {
        guard let path else {
            var output = FileHandleSink(.standardOutput)
            do {
                try body(&output)
            } catch {
                throw failure(error, writing: "standard output")
            }
            return
        }
        if isDirectory(path) { throw CommandFailure("cannot write '\(path)': it is a directory") }
        try checkOutput(path, against: [])
        let target = URL(fileURLWithPath: path)
        let temporary = target.deletingLastPathComponent().appendingPathComponent(
            ".\(target.lastPathComponent).writing-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw CommandFailure("cannot write '\(path)': \(reason(errno: errno))") }
        let file = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            var output = FileHandleSink(file)
            try body(&output)
            try file.close()
            guard rename(temporary, path) == 0 else { throw CommandFailure("cannot write '\(path)': \(reason(errno: errno))") }
        } catch {
            try? file.close()
            unlink(temporary)
            throw failure(error, writing: "'\(path)'")
        }
    }

    /// The error to report for `error` from writing `destination`: a rendering error as
    /// it is, anything else as a failure to write.
    private static func failure(_ error: Error, writing destination: String) -> Error {
        switch error {
        case StreamingError<any Error>.rendering(let error): error
        case StreamingError<any Error>.sink(let error): CommandFailure("cannot write \(destination): \(reason(error))")
        case let error as CommandFailure: error
        default: CommandFailure("cannot write \(destination): \(reason(error))")
        }
    }

    /// Whether `path` names a folder (following symbolic links).
    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// The operating system's reason for a file error, such as "no such file or directory".
    private static func reason(_ error: Error) -> String {
        var current = error as NSError
        while let underlying = current.userInfo[NSUnderlyingErrorKey] as? NSError {
            current = underlying
        }
        if current.domain == NSPOSIXErrorDomain {
            return reason(errno: Int32(current.code))
        }
        switch CocoaError.Code(rawValue: current.code) {
        case .fileNoSuchFile, .fileReadNoSuchFile: return "no such file or directory"
        case .fileReadNoPermission, .fileWriteNoPermission: return "permission denied"
        case .fileWriteOutOfSpace: return "no space left on device"
        case .fileWriteVolumeReadOnly: return "read-only file system"
        case .fileReadCorruptFile, .fileReadUnknownStringEncoding: return "not a readable text file"
        default: return current.localizedDescription
        }
    }

    /// The system's message for `code`, starting in lower case as the other reasons do.
    private static func reason(errno code: Int32) -> String {
        let message = String(cString: strerror(code))
        return message.prefix(1).lowercased() + message.dropFirst()
    }
}

/// A failure of the command itself, reported as one line on standard error.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
