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

    /// Writes `text` to `path` atomically (a temporary file beside it renamed into place,
    /// so a failure leaves no partial file), or to standard output when `path` is `nil`.
    ///
    /// The file is not synced to disk, as with ``SiteDirectory``: Foundation's `Data.write`
    /// calls `fsync`, which on a busy shared disk can take longer than the rest of a run.
    static func write(_ text: String, to path: String?) throws {
        guard let path else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        if isDirectory(path) { throw CommandFailure("cannot write '\(path)': it is a directory") }
        let target = URL(fileURLWithPath: path)
        let temporary = target.deletingLastPathComponent().appendingPathComponent(
            ".\(target.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))").path
        do {
            try createFile(at: temporary, holding: text)
            guard rename(temporary, path) == 0 else { throw lastPOSIXError() }
        } catch {
            unlink(temporary)
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
            let text = String(cString: strerror(Int32(current.code)))
            return text.prefix(1).lowercased() + text.dropFirst()
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

/// Creates the file at `path`, which must not exist, holding `text`'s UTF-8 bytes.
///
/// - Throws: The `POSIXError` of the call that failed.
private func createFile(at path: String, holding text: String) throws {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
    guard descriptor >= 0 else { throw lastPOSIXError() }
    var text = text
    let failure: POSIXError? = text.withUTF8 { bytes in
        guard let start = bytes.baseAddress else { return nil }
        var written = 0
        while written < bytes.count {
            let count = write(descriptor, start + written, bytes.count - written)
            if count < 0, errno != EINTR { return lastPOSIXError() }
            written += max(count, 0)
        }
        return nil
    }
    if close(descriptor) != 0, failure == nil { throw lastPOSIXError() }
    if let failure { throw failure }
}

/// The error `errno` holds.
private func lastPOSIXError() -> POSIXError {
    POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
}

/// A failure of the command itself, reported as one line on standard error.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
