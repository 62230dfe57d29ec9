import AttentionEngine
import AttentionMath
import Foundation

// attention-bench: run with
// `swift run -c release attention-bench [--sizes 64,512,1024,2048] [--python PATH] [--timeout SECONDS] [--pretrained DIR]`.
// `attention-bench --child N` measures one size's engine with every intermediate recorded, then
// its full JSON; `--child N --walkthrough` makes its HTML walkthrough under the default policy.
//
// Each size of the multi-head benchmark runs in a child process (`--child N`) so
// that its peak memory is its own. `--python` names an interpreter with torch and
// numpy; the PyTorch baseline then runs in the same session and the table shows
// our time divided by PyTorch's.

let arguments = Array(CommandLine.arguments.dropFirst())

func value(of flag: String) -> String? {
    arguments.firstIndex(of: flag).flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }
}

if let child = value(of: "--child").flatMap(Int.init) {
    // As `attention-trace` starts (see `AttentionTraceCommand.main`).
    LargeAllocations.reuseFreedBlocks()
    BLASKernels.replaceGenericFallback()
    BLASThreads.stopIdleWorkers()
    do {
        let benchmark = MultiHeadBenchmark(length: child)
        let report: (Encodable) -> Void = { measurement in
            if let data = try? JSONEncoder().encode(measurement) {
                FileHandle.standardOutput.write(data + Data("\n".utf8))
            }
        }
        if arguments.contains("--walkthrough") {
            try benchmark.runWalkthrough(report: report)
        } else {
            try benchmark.runEngine(report: report)
        }
    } catch {
        FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
        exit(1)
    }
    exit(0)
}

// The kernels the children will run, for the report's BLAS line.
BLASKernels.replaceGenericFallback()
let sizes = (value(of: "--sizes") ?? "64,512,1024,2048").split(separator: ",").compactMap { Int($0) }
let report = BenchmarkReport(sizes: sizes, python: value(of: "--python"),
                             lessons: value(of: "--lessons") ?? "Lessons", pretrained: value(of: "--pretrained"),
                             timeout: value(of: "--timeout").flatMap(Double.init) ?? 300)
report.run()
