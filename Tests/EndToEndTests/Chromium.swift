import Foundation

/// Runs headless Chromium on a local page, with every host name unresolvable and
/// a network log, and reports the serialised DOM, the console and the requests.
struct Chromium {
    /// Chromium's own background services, whose requests appear in any network log.
    static let browserServiceHosts = ["google.com", "googleapis.com", "gvt1.com", "gstatic.com"]

    let executable: URL

    /// The first of `$CHROMIUM`, `chromium`, `chromium-browser` and `google-chrome` on the `PATH`.
    static func find() -> Chromium? {
        let environment = ProcessInfo.processInfo.environment
        let candidates = [environment["CHROMIUM"]].compactMap { $0 } + ["chromium", "chromium-browser", "google-chrome"]
        let directories = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        for name in candidates {
            let paths = name.contains("/") ? [name] : directories.map { "\($0)/\(name)" }
            if let path = paths.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
                return Chromium(executable: URL(fileURLWithPath: path))
            }
        }
        return nil
    }

    /// What one load of a page produced.
    struct Load {
        var dom: String
        var console: [String]
        /// Every URL the page requested that is not a `file:` or `data:` URL or a browser service.
        var externalRequests: [String]
    }

    private func run(_ arguments: [String], scratch: URL) throws -> (stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                             "--disable-background-networking", "--disable-component-update", "--disable-sync",
                             "--user-data-dir=\(scratch.appendingPathComponent("profile").path)",
                             "--host-resolver-rules=MAP * ~NOTFOUND"] + arguments
        let out = scratch.appendingPathComponent("stdout"), err = scratch.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return (String(decoding: try Data(contentsOf: out), as: UTF8.self),
                String(decoding: try Data(contentsOf: err), as: UTF8.self))
    }

    /// Loads `page`, lets its scripts run, and returns the DOM, the console messages and external requests.
    func load(_ page: URL, scratch: URL) throws -> Load {
        let netLog = scratch.appendingPathComponent("net.json")
        let (dom, log) = try run(["--enable-logging=stderr", "--v=0", "--log-net-log=\(netLog.path)",
                                  "--virtual-time-budget=2000", "--dump-dom", page.absoluteString], scratch: scratch)
        let console = log.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init)
        let net = (try? String(contentsOf: netLog, encoding: .utf8)) ?? ""
        let urls = net.matches(of: /"url":"([^"]*)"/).map { String($0.output.1) }
        let external = Set(urls.filter { url in
            !url.hasPrefix("file:") && !url.hasPrefix("data:")
                && !Self.browserServiceHosts.contains { url.contains("\($0)/") || url.contains(".\($0)") }
        })
        return Load(dom: dom, console: console, externalRequests: external.sorted())
    }

    /// ``load(_:scratch:)``, and the seconds it took from starting the browser to its exit
    /// with the DOM: the browser's start-up, the page's parsing and layout, and its scripts.
    func timedLoad(_ page: URL, scratch: URL) throws -> (Load, seconds: Double) {
        let start = ContinuousClock.now
        let load = try load(page, scratch: scratch)
        let elapsed = ContinuousClock.now - start
        return (load, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }

    /// Saves a screenshot of `page`, `width` × `height` pixels.
    func screenshot(_ page: URL, to file: URL, width: Int = 1200, height: Int = 2400, scratch: URL) throws {
        _ = try run(["--window-size=\(width),\(height)", "--screenshot=\(file.path)", page.absoluteString], scratch: scratch)
    }
}
