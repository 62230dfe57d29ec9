import Foundation

/// Reads input files and writes results, turning file-system errors into one-line messages.
enum FileAccess {
    /// The contents of the file at `path`.
    static func read(_ path: String) throws -> Data {
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
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CommandFailure("cannot write '\(path)': \(reason(error))")
        }
    }

    /// The operating system's reason for a file error, such as "No such file or directory".
    private static func reason(_ error: Error) -> String {
        var current = error as NSError
        while let underlying = current.userInfo[NSUnderlyingErrorKey] as? NSError {
            current = underlying
        }
        if current.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(current.code)))
        }
        return current.localizedDescription
    }
}

/// A failure of the command itself, reported as one line on standard error.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
