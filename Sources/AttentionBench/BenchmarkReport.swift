import AttentionMath
import Foundation

/// Runs every benchmark and prints the tables, with the machine they ran on.
struct BenchmarkReport {
    let sizes: [Int]
    let python: String?
    let lessons: String
    /// A pretrained BERT-family model's folder (all-MiniLM-L6-v2, never committed), to time `trace --model`.
    let pretrained: String?
    /// The longest one size of the multi-head benchmark may run, in seconds.
    let timeout: Double

    private var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    }

    private var traceCommand: URL {
        executable.deletingLastPathComponent().appendingPathComponent("attention-trace")
    }

    func run() {
        printMachine()
        let baseline = python.flatMap(pytorchBaseline)
        emit("\n## Multi-head self-attention trace (d_model = 512, 8 heads, float64)\n")
        emit("Every intermediate recorded (`--full`), against the same attention recording nothing and against PyTorch. "
            + "*First* is the process's first trace, whose intermediates are all fresh memory, beside PyTorch's first call; "
            + "*warm* the best of two more traces, each after the one before was freed, beside PyTorch's best of three calls after its first:\n")
        emit("| n | compute (s) | recording, first (s) | recording, warm (s) | PyTorch first, warm (s) | ours / PyTorch, first | ours / PyTorch, warm "
            + "| GFLOP/s | numpy GFLOP/s | peak memory | JSON `--full` |")
        emit("|---|---|---|---|---|---|---|---|---|---|---|")
        var walkthroughs: [(Int, Measured)] = []
        for n in sizes {
            let torch = baseline?.mha[String(n)], torchFirst = baseline?.mhaFirst[String(n)], numpy = baseline?.matmulGflops[String(n)]
            let engine = measure(n, walkthrough: false)
            let e = engine.engine
            func ratio(_ recording: (MultiHeadBenchmark.EngineMeasurement) -> Double, to torch: Double?) -> String {
                e.flatMap { e in torch.map { format((e.compute + recording(e)) / $0, digits: 2) + "×" } } ?? "–"
            }
            let cells: [String] = [
                e.map { format($0.compute) } ?? "–",
                e.map { format($0.recording) } ?? "–",
                e.map { format($0.warmRecording) } ?? "–",
                torch.map { "\(torchFirst.map { format($0) } ?? "–"), \(format($0))" } ?? "–",
                ratio(\.recording, to: torchFirst),
                ratio(\.warmRecording, to: torch),
                e.map { format($0.gflops, digits: 1) } ?? "–",
                numpy.map { format($0, digits: 1) } ?? "–",
                e.map { bytes($0.peakResident) } ?? "–",
                engine.json.map(describe) ?? "–",
            ]
            emit("| \(n) | " + cells.joined(separator: " | ") + " |" + (engine.failure.map { " \($0)" } ?? ""))
            walkthroughs.append((n, measure(n, walkthrough: true)))
        }
        emit("\nThe walkthrough under the default recording policy (tensors above 1,048,576 numbers kept as summaries), "
            + "as `trace --format html --output` makes it:\n")
        emit("| n | trace + HTML written (s) | page | peak memory | JSON (default policy) |")
        emit("|---|---|---|---|---|")
        for (n, walkthrough) in walkthroughs {
            let page = walkthrough.page
            let cells = [page.map { format($0.seconds) } ?? "–", page.map { bytes($0.bytes) } ?? "–",
                         page.map { bytes($0.peakResident) } ?? "–", walkthrough.json.map(describe) ?? "–"]
            emit("| \(n) | " + cells.joined(separator: " | ") + " |" + (walkthrough.failure.map { " \($0)" } ?? ""))
        }
        endToEnd(withPyTorch: baseline != nil)
        emit("\n## Lesson-size trace (the README's example, whole process to written HTML)\n")
        emit(lessonSizeTrace())
        emit("\n## Long sentence pairs (issue 11: a long pair must not look hung, and its page stays under 3 MB)\n")
        emit("| pair | variant | format | wall time (s) | output |")
        emit("|---|---|---|---|---|")
        for (words, variant, format) in [(200, "concat", "markdown"), (100, "additive", "html"), (100, "local-p", "html")] {
            emit(longPair(words: words, variant: variant, format: format))
        }
        emit("\n## Shipped lessons\n")
        emit(shippedLessons())
        pretrainedModel()
    }

    /// Opening a pretrained checkpoint and tracing one layer on a 20-token sentence, page written, beside
    /// `transformers` computing every layer's attention from the same folder (`transformers_baseline.py`),
    /// alternating, medians of 5.
    private func pretrainedModel() {
        emit("\n## A pretrained model (issue 15: open the checkpoint, trace one layer, write the page)\n")
        guard let folder = pretrained else {
            emit("No model folder: pass `--pretrained DIR` (all-MiniLM-L6-v2's folder, see Docs/models/bert.md).")
            return
        }
        let sentence = "The animal didn't cross the street because it was too tired of walking all day long."
        let page = FileManager.default.temporaryDirectory.appendingPathComponent("attention-bench-pretrained.html").path
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("transformers_baseline.py").path
        var ours: [Double] = [], theirs: [Double] = [], inside: [Double] = [], failure: String?
        for _ in 0..<5 {
            var result = ProcessResult(status: 0, output: "", error: "")
            ours.append(seconds { result = run(traceCommand, ["trace", "--model", folder, "--source", sentence, "--layer", "4",
                                                              "--output", page]) })
            if result.status != 0 { failure = "attention-trace: \(result.error)" }
            guard let python else { continue }
            theirs.append(seconds { result = run(URL(fileURLWithPath: python), [script, folder, sentence]) })
            if result.status != 0 { failure = "transformers: \(result.error.split(separator: "\n").last ?? "")" }
            inside.append(Double(result.output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? .nan)
        }
        emit("`attention-trace trace --model \(URL(fileURLWithPath: folder).lastPathComponent) --layer 4` (every head of one layer, "
            + "the layers before it computed in float64, the HTML page written) against `transformers_baseline.py` "
            + "(AutoTokenizer and AutoModel from the folder, every layer's attentions, float32; in brackets the script's own "
            + "time from before `import torch`, without the interpreter's start-up):\n")
        emit("| attention-trace (s) | transformers, whole process (s) | ours / transformers |")
        emit("|---|---|---|")
        let mine = median(ours)
        let other = theirs.isEmpty ? nil : median(theirs)
        emit("| \(format(mine)) | " + (other.map { "\(format($0)) (\(format(median(inside))) in process)" } ?? "– (no `--python`)")
            + " | " + (other.map { format(mine / $0, digits: 2) + "×" } ?? "–") + " |")
        if let failure { emit("\n(failed: \(failure))") }
    }

    /// The end-to-end table: whole processes from the spec file to the written page, ours from a
    /// JSON and from a safetensors spec beside the PyTorch program, alternating, medians of 5.
    private func endToEnd(withPyTorch: Bool) {
        let lengths = sizes.filter { $0 >= 1024 }
        guard !lengths.isEmpty else { return }
        emit("\n## From the user's file to the page (whole processes, medians of 5 alternating runs)\n")
        emit("`attention-trace trace --input SPEC --format html --output page.html` against `pytorch_baseline.py --end-to-end` "
            + "(json.load, nn.MultiheadAttention in float64 with per-head weights, numpy.save of weights and output); "
            + "parsing alone is our whole process on a spec whose W_O is one row short, against json.load's own time "
            + "(in process, as `pytorch_baseline.py --parse-only` measures it, without Python's start-up):\n")
        if !withPyTorch { emit("PyTorch absent (pass `--python` with an interpreter that has torch and numpy): our times only.\n") }
        emit("| spec | attention-trace (s) | PyTorch (s) | ours / PyTorch |")
        emit("|---|---|---|---|")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("attention-bench-end-to-end-\(getpid())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("pytorch_baseline.py").path
        for n in lengths {
            let benchmark = EndToEndBenchmark(length: n, folder: folder)
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try benchmark.writeSpecs()
            } catch {
                emit("| n = \(n) | failed to write the specs: \(error) | – | – |")
                continue
            }
            let page = folder.appendingPathComponent("page.html").path
            // `printsItsTime`: the program prints the seconds to report, instead of its process's.
            let runs: [(name: String, executable: URL, arguments: [String], fails: Bool, printsItsTime: Bool)] = [
                ("json", traceCommand, ["trace", "--input", benchmark.jsonSpec.path, "--format", "html", "--output", page], false, false),
                ("safetensors", traceCommand, ["trace", "--input", benchmark.safetensorsSpec.path, "--format", "html", "--output", page], false, false),
                ("parse", traceCommand, ["trace", "--input", benchmark.misshapenSpec.path, "--format", "html", "--output", page], true, false),
            ] + (withPyTorch ? [
                ("torch", URL(fileURLWithPath: python ?? ""), [script, "--end-to-end", benchmark.jsonSpec.path, folder.path], false, false),
                ("json.load", URL(fileURLWithPath: python ?? ""), [script, "--parse-only", benchmark.jsonSpec.path], false, true),
            ] : [])
            var times: [String: [Double]] = [:], failures: [String] = []
            for _ in 0..<5 {
                for run in runs {
                    var result = ProcessResult(status: 0, output: "", error: "")
                    let wall = seconds { result = self.run(run.executable, run.arguments) }
                    let printed = run.printsItsTime ? Double(result.output.trimmingCharacters(in: .whitespacesAndNewlines)) : nil
                    times[run.name, default: []].append(printed ?? wall)
                    if (result.status != 0) != run.fails {
                        failures.append("\(run.name): \(result.error.split(separator: "\n").last ?? "exit \(result.status)")")
                    }
                }
            }
            func cells(_ ours: String, _ theirs: String?) -> String {
                let mine = median(times[ours] ?? []), other = theirs.flatMap { times[$0] }.map(median)
                return "\(format(mine)) | " + (other.map { format($0) } ?? "–") + " | " + (other.map { format(mine / $0, digits: 2) + "×" } ?? "–")
            }
            let json = bytes(benchmark.size(of: benchmark.jsonSpec)), binary = bytes(benchmark.size(of: benchmark.safetensorsSpec))
            emit("| n = \(n), walkthrough page from the JSON spec (\(json)) | " + cells("json", "torch") + " |")
            emit("| n = \(n), walkthrough page from the safetensors spec (\(binary)) | " + cells("safetensors", "torch") + " |")
            emit("| n = \(n), only parsing the JSON spec (a shape error after it; PyTorch column: json.load alone) | "
                + cells("parse", "json.load") + " |")
            if let failure = failures.first { emit("\n(failed: \(failure))\n") }
        }
    }

    /// A `words`-word pair of made-up words traced with seeded parameters, as one table row.
    private func longPair(words: Int, variant: String, format: String) -> String {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("attention-bench-long.\(format)")
        let source = (0..<words).map { "w\($0)" }.joined(separator: " "), target = (0..<words).map { "v\($0)" }.joined(separator: " ")
        var result = ProcessResult(status: 0, output: "", error: "")
        let time = seconds {
            result = run(traceCommand, ["trace", "--variant", variant, "--model", "seeded", "--source", source, "--target", target,
                                        "--format", format, "--output", output.path])
        }
        guard result.status == 0 else { return "| \(words) words | \(variant) | \(format) | failed: \(result.error) | – |" }
        let size = (try? FileManager.default.attributesOfItem(atPath: output.path)[.size] as? Int) ?? 0
        return "| \(words) words | \(variant) | \(format) | \(self.format(time)) | \(bytes(size)) |"
    }

    private func printMachine() {
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }?
            .split(separator: ":").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown"
        emit("# attention-bench\n")
        emit("- CPU: \(cpu), \(ProcessInfo.processInfo.activeProcessorCount) cores")
        emit("- memory: \(bytes(Int(ProcessInfo.processInfo.physicalMemory)))")
        emit("- BLAS: \(Matrix.blasConfiguration)")
    }

    /// What one child process measured; a measurement is `nil` when the child did not get that far.
    struct Measured {
        var engine: MultiHeadBenchmark.EngineMeasurement?
        var page: MultiHeadBenchmark.OutputMeasurement?
        var json: MultiHeadBenchmark.OutputMeasurement?
        var failure: String?
    }

    /// Runs one size in a child process: the engine with every intermediate recorded, or the walkthrough.
    private func measure(_ n: Int, walkthrough: Bool) -> Measured {
        let result = run(executable, ["--child", String(n)] + (walkthrough ? ["--walkthrough"] : []), timeout: timeout)
        let lines = result.output.split(separator: "\n").map { Data($0.utf8) }
        let decoder = JSONDecoder()
        func output(_ k: Int) -> MultiHeadBenchmark.OutputMeasurement? {
            lines.count > k ? try? decoder.decode(MultiHeadBenchmark.OutputMeasurement.self, from: lines[k]) : nil
        }
        let failure = result.status == 0 ? nil
            : "(failed: \(result.error.split(separator: "\n").first { !$0.isEmpty } ?? "exit \(result.status)"))"
        if walkthrough {
            return Measured(page: output(0), json: output(1), failure: failure)
        }
        let engine = lines.first.flatMap { try? decoder.decode(MultiHeadBenchmark.EngineMeasurement.self, from: $0) }
        return Measured(engine: engine, json: output(1), failure: failure)
    }

    /// `7.2 GiB in 50.0 s (peak 1.68 GiB)`.
    private func describe(_ json: MultiHeadBenchmark.OutputMeasurement) -> String {
        bytes(json.bytes) + " in " + format(json.seconds, digits: 1) + " s (peak " + bytes(json.peakResident) + ")"
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
        /// Seconds for the best of three calls after the first, by size.
        var mha: [String: Double]
        /// Seconds for the first call at each size.
        var mhaFirst: [String: Double]
        var matmulGflops: [String: Double]

        enum CodingKeys: String, CodingKey {
            case torch, mha
            case mhaFirst = "mha_first"
            case matmulGflops = "matmul_gflops"
        }
    }

    private func pytorchBaseline(_ python: String) -> Baseline? {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("pytorch_baseline.py")
        let result = run(URL(fileURLWithPath: python), [script.path, "--sizes", sizes.map(String.init).joined(separator: ",")])
        guard result.status == 0, let baseline = try? JSONDecoder().decode(Baseline.self, from: Data(result.output.utf8)) else {
            emit("- PyTorch baseline failed: \(result.error.split(separator: "\n").last ?? "")")
            return nil
        }
        emit("- PyTorch \(baseline.torch), measured in this run")
        return baseline
    }

    struct ProcessResult {
        var status: Int32
        var output: String
        var error: String
    }

    /// Runs `executable` to its end and collects its output; see ``ChildProcess``.
    func run(_ executable: URL, _ arguments: [String], timeout: Double? = nil) -> ProcessResult {
        let child = ChildProcess(executable: executable, arguments: arguments)
        let result = child.run(timeout: timeout)
        return ProcessResult(status: result.status, output: result.output, error: result.error)
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

/// Writes one line to standard output at once, so a long run shows its rows as they come.
private func emit(_ line: String = "") {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
