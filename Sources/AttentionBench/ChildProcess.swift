import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A program run to its end by `posix_spawn`, its standard output and error collected in files.
///
/// The benchmark times whole processes, so the harness must cost next to nothing: Foundation's
/// `Process` takes about 50 ms to start even `/bin/true` on the development machine (it closes
/// every descriptor up to the limit, 20,000 there), more than the lesson-size trace itself;
/// `posix_spawn` takes about 1 ms.
struct ChildProcess {
    let executable: URL
    let arguments: [String]

    /// How the program ended: its exit status (-1 when it was killed or could not start) and what it wrote.
    struct Result {
        var status: Int32
        var output: String
        var error: String
    }

    /// Runs the program and waits for it; after `timeout` seconds it is sent SIGTERM.
    func run(timeout: Double? = nil) -> Result {
        let folder = FileManager.default.temporaryDirectory.path
        let outputPath = "\(folder)/attention-bench-\(getpid())-stdout", errorPath = "\(folder)/attention-bench-\(getpid())-stderr"
        defer {
            unlink(outputPath)
            unlink(errorPath)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable.path, &actions, nil, argv, environ)
        guard spawned == 0 else { return Result(status: -1, output: "", error: String(cString: strerror(spawned))) }
        var status: Int32 = 0, timedOut = false
        if let timeout {
            // Polled, so that the signal can only reach our own child, before it is reaped.
            let deadline = Date().addingTimeInterval(timeout)
            while waitpid(pid, &status, WNOHANG) == 0 {
                if !timedOut, Date() > deadline {
                    kill(pid, SIGTERM)
                    timedOut = true
                }
                usleep(1_000)
            }
        } else {
            waitpid(pid, &status, 0)
        }
        let read = { (path: String) in (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
        let exited = status & 0x7F == 0
        return Result(status: exited ? (status >> 8) & 0xFF : -1, output: read(outputPath),
                      error: timedOut ? "stopped after \(Int(timeout ?? 0)) s" : read(errorPath))
    }
}
