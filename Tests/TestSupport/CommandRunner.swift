import Foundation

/// The outcome of running a program.
public struct CommandResult: Sendable {
    public var status: Int32
    public var standardOutput: String
    public var standardError: String
}

/// Runs the built `attention-trace` binary, like argument-parser's `AssertExecuteCommand`.
///
/// The binary is looked up next to the running test bundle (the products
/// directory of the current build), so debug, release and custom scratch paths
/// all work.
public func runAttentionTrace(_ arguments: [String], in directory: URL? = nil) throws -> CommandResult {
    try runProgram(productsDirectory.appendingPathComponent("attention-trace"), arguments, in: directory)
}

/// Runs `executable` with `arguments` to its end, collecting what it writes to each stream.
///
/// Both pipes are read at the same time: a child that fills one pipe's buffer (64 KiB)
/// while the parent waits for the other to end would block forever.
///
/// - Throws: What `Process.run()` throws when the program cannot be started.
public func runProgram(_ executable: URL, _ arguments: [String], in directory: URL? = nil) throws -> CommandResult {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    let output = Pipe(), error = Pipe()
    process.standardOutput = output
    process.standardError = error
    try process.run()
    let errorData = PipeReader(error.fileHandleForReading)
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandResult(status: process.terminationStatus,
                         standardOutput: String(decoding: outputData, as: UTF8.self),
                         standardError: String(decoding: errorData.wait(), as: UTF8.self))
}

/// Reads a pipe to its end on another thread.
private final class PipeReader: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    /// Starts reading `handle`.
    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    /// Everything the pipe held, once its writer has closed it.
    func wait() -> Data {
        done.wait()
        return data
    }
}

/// The directory holding the built products (the binary and the test bundle).
public var productsDirectory: URL {
    URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
}

/// A new empty temporary directory.
public func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("attention-trace-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
