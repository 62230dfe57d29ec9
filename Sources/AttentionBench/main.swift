import AttentionMath
import Foundation

// attention-bench: run with `swift run -c release attention-bench [--sizes 64,512,1024,2048] [--python PATH]`.
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
    do {
        let measurement = try MultiHeadBenchmark(length: child).run()
        let data = try JSONEncoder().encode(measurement)
        print(String(decoding: data, as: UTF8.self))
    } catch {
        FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
        exit(1)
    }
    exit(0)
}

let sizes = (value(of: "--sizes") ?? "64,512,1024,2048").split(separator: ",").compactMap { Int($0) }
let report = BenchmarkReport(sizes: sizes, python: value(of: "--python"),
                             lessons: value(of: "--lessons") ?? "Lessons")
report.run()
