import AttentionMath
import Foundation

/// Runs every benchmark and prints the tables, with the machine they ran on.
struct BenchmarkReport {
    let sizes: [Int]
    let python: String?
    let lessons: String

    private var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    }

    private var traceCommand: URL {
        executable.deletingLastPathComponent().appendingPathComponent("attention-trace")
    }

    func run() {
        printMachine()
        let baseline = python.flatMap(pytorchBaseline)
        print("\n## Multi-head self-attention trace (d_model = 512, 8 heads, float64, every intermediate recorded)\n")
        print("| n | compute (s) | recording (s) | HTML render (s) | page | JSON | peak memory | GFLOP/s | numpy GFLOP/s | PyTorch (s) | ours / PyTorch |")
        print("|---|---|---|---|---|---|---|---|---|---|---|")
        for n in sizes {
            let torch = baseline?.mha[String(n)], numpy = baseline?.matmulGflops[String(n)]
            switch measure(n) {
            case .success(let m):
                let ours = m.compute + m.recording
                print("| \(n) | \(format(m.compute)) | \(format(m.recording)) | \(format(m.htmlRender)) | \(bytes(m.htmlBytes)) | \(bytes(m.jsonBytes)) | \(bytes(m.peakResident)) | \(format(m.gflops, digits: 1)) | \(numpy.map { format($0, digits: 1) } ?? "–") | \(torch.map { format($0) } ?? "–") | \(torch.map { format(ours / $0, digits: 2) + "×" } ?? "–") |")
            case .failure(let error):
                print("| \(n) | failed: \(error.description) | | | | | | | | | |")
            }
            FileHandle.standardOutput.synchronizeFile()
        }
        print("\n## Lesson-size trace (the README's example, whole process to written HTML)\n")
        print(lessonSizeTrace())
        print("\n## Shipped lessons\n")
        print(shippedLessons())
    }

    private func printMachine() {
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }?
            .split(separator: ":").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown"
        print("# attention-bench\n")
        print("- CPU: \(cpu), \(ProcessInfo.processInfo.activeProcessorCount) cores")
        print("- memory: \(bytes(Int(ProcessInfo.processInfo.physicalMemory)))")
        print("- BLAS: \(Matrix.blasConfiguration)")
    }

    private func measure(_ n: Int) -> Result<MultiHeadBenchmark.Measurement, BenchmarkFailure> {
        let result = run(executable, ["--child", String(n)])
        guard result.status == 0, let data = result.output.data(using: .utf8),
              let measurement = try? JSONDecoder().decode(MultiHeadBenchmark.Measurement.self, from: data) else {
            return .failure(BenchmarkFailure(result.error.split(separator: "\n").last.map(String.init) ?? "exit \(result.status)"))
        }
        return .success(measurement)
    }

    private func lessonSizeTrace() -> String {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("attention-bench-walkthrough.html")
        let arguments = ["trace", "--variant", "additive", "--source", "the man who visited the zoo yesterday",
                         "--target", "l'homme qui a visité le zoo hier", "--format", "html", "--output", output.path]
        let times = (0..<7).map { _ in seconds { _ = run(traceCommand, arguments) } }.sorted()
        let size = (try? FileManager.default.attributesOfItem(atPath: output.path)[.size] as? Int) ?? 0
        return "`attention-trace trace --variant additive … --format html`: median \(format(times[3] * 1000, digits: 1)) ms wall time over 7 runs (best \(format(times[0] * 1000, digits: 1)) ms), page \(bytes(size))"
    }

    private func shippedLessons() -> String {
        guard FileManager.default.fileExists(atPath: lessons) else { return "no lessons directory at \(lessons)" }
        let site = FileManager.default.temporaryDirectory.appendingPathComponent("attention-bench-site")
        var build = ProcessResult(status: 0, output: "", error: "")
        var check = build
        let buildTime = seconds { build = run(traceCommand, ["lessons", "build", lessons, "--output", site.path]) }
        let checkTime = seconds { check = run(traceCommand, ["lessons", "check", lessons]) }
        guard build.status == 0, check.status == 0 else {
            return "lessons build/check failed: \((build.error + check.error).split(separator: "\n").last ?? "")"
        }
        return "`lessons build` \(format(buildTime)) s + `lessons check` \(format(checkTime)) s = \(format(buildTime + checkTime)) s"
    }

    struct Baseline: Decodable {
        var torch: String
        var mha: [String: Double]
        var matmulGflops: [String: Double]

        enum CodingKeys: String, CodingKey {
            case torch, mha
            case matmulGflops = "matmul_gflops"
        }
    }

    private func pytorchBaseline(_ python: String) -> Baseline? {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("pytorch_baseline.py")
        let result = run(URL(fileURLWithPath: python), [script.path, "--sizes", sizes.map(String.init).joined(separator: ",")])
        guard result.status == 0, let baseline = try? JSONDecoder().decode(Baseline.self, from: Data(result.output.utf8)) else {
            print("- PyTorch baseline failed: \(result.error.split(separator: "\n").last ?? "")")
            return nil
        }
        print("- PyTorch \(baseline.torch), measured in this run")
        return baseline
    }

    struct ProcessResult {
        var status: Int32
        var output: String
        var error: String
    }

    private func run(_ executable: URL, _ arguments: [String]) -> ProcessResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        do { try process.run() } catch { return ProcessResult(status: -1, output: "", error: "\(error)") }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ProcessResult(status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
                             error: String(decoding: errorData, as: UTF8.self))
    }

    private func format(_ value: Double, digits: Int = 3) -> String {
        String(format: "%.\(digits)f", value)
    }

    private func bytes(_ count: Int) -> String {
        count >= 1 << 30 ? format(Double(count) / Double(1 << 30), digits: 2) + " GiB"
            : count >= 1 << 20 ? format(Double(count) / Double(1 << 20), digits: 1) + " MiB"
            : format(Double(count) / 1024, digits: 1) + " KiB"
    }
}
