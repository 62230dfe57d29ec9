import Foundation

/// Reads input files and writes results, turning file-system errors into one-line messages.
enum FileAccess {
    /// The contents of the file at `path`.
    static func read(_ path: String) throws -> Data {
        if isDirectory(path) { throw CommandFailure("cannot read '\(path)': it is a directory") }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CommandFailure("cannot read '\(path)': \(reason(error))")
        }
    }

    /// Writes `text` to `path` atomically (a temporary file renamed into place, so
    /// a failure leaves no partial file), or to standard output when `path` is `nil`.
    static func write(_ text: String, to path: String?) throws {
        guard let path else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        if isDirectory(path) { throw CommandFailure("cannot write '\(path)': it is a directory") }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CommandFailure("cannot write '\(path)': \(reason(error))")
        }
    }

    private static func isDirectory(_ path: String) -> Bool {
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
            return String(cString: strerror(Int32(current.code)))
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
}

/// A failure of the command itself, reported as one line on standard error.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
