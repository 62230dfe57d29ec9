import AttentionEngine
import AttentionMath
import AttentionRendering
import AttentionTrace
import Foundation

/// One size of the multi-head self-attention benchmark: d_model = 512, 8 heads, float64,
/// every intermediate recorded.
struct MultiHeadBenchmark {
    static let modelWidth = 512
    static let heads = 8

    let length: Int

    /// What the engine measured: computing and recording.
    struct EngineMeasurement: Codable {
        /// Seconds to compute the attention with the matrix API alone, recording nothing.
        var compute: Double
        /// Seconds for the full trace (compute and record), minus `compute`.
        var recording: Double
        /// The rate of the trace's matrix products alone.
        var gflops: Double
        /// Peak resident memory of the process after tracing, in bytes.
        var peakResident: Int
    }

    /// What rendering one format measured.
    struct RenderMeasurement: Codable {
        var seconds: Double
        var bytes: Int
        /// Peak resident memory of the process after rendering, in bytes.
        var peakResident: Int
    }

    /// Traces, then renders HTML, then streams JSON to a file, reporting each measurement
    /// as soon as it is made, so a size whose rendering runs out of time still reports what it has.
    func run(report: (Encodable) -> Void) throws {
        let generator = ParameterGenerator(seed: 1)
        let x = generator.glorotUniform(named: "X", rows: length, columns: Self.modelWidth)
        let weights = ["W_Q", "W_K", "W_V", "W_O"].map {
            generator.glorotUniform(named: $0, rows: Self.modelWidth, columns: Self.modelWidth)
        }
        // The best of two runs, so the first run's page faults do not count against the baseline.
        let compute = min(seconds { _ = Self.attention(x, weights) }, seconds { _ = Self.attention(x, weights) })
        let spec = InputSpec(tensors: ["X": tensor(x), "W_Q": tensor(weights[0]), "W_K": tensor(weights[1]),
                                       "W_V": tensor(weights[2]), "W_O": tensor(weights[3])])
        var trace: Trace?
        let traced = try seconds {
            trace = try AttentionTracer().trace(TraceRequest(variant: .multiHead, spec: spec,
                                                             options: .init(heads: Self.heads),
                                                             memoryLimit: 64_000_000_000))
        }
        guard let trace else { throw BenchmarkFailure("the trace did not complete") }
        report(EngineMeasurement(compute: compute, recording: max(0, traced - compute),
                                 gflops: productRate(x, weights), peakResident: peakResidentBytes()))
        var pageBytes = 0
        let pageTime = try seconds { pageBytes = try render(trace, as: .html).utf8.count }
        report(RenderMeasurement(seconds: pageTime, bytes: pageBytes, peakResident: peakResidentBytes()))
        report(try streamJSON(trace))
    }

    /// Streams the trace's JSON into a temporary file, as `trace --format json --output` does,
    /// and measures the time until the file is closed; the bytes are the file's size.
    private func streamJSON(_ trace: Trace) throws -> RenderMeasurement {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("attention-bench-\(length)-\(getpid()).json")
        guard FileManager.default.createFile(atPath: file.path, contents: nil) else {
            throw BenchmarkFailure("cannot create \(file.path)")
        }
        defer { try? FileManager.default.removeItem(at: file) }
        let handle = try FileHandle(forWritingTo: file)
        var sink = FileHandleSink(handle)
        let time = try seconds {
            try render(trace, as: .json, to: &sink)
            try handle.close()
        }
        let bytes = try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int ?? 0
        return RenderMeasurement(seconds: time, bytes: bytes, peakResident: peakResidentBytes())
    }

    private func tensor(_ matrix: Matrix) -> Tensor {
        Tensor(shape: matrix.shape, scalars: matrix.scalars)
    }

    /// Multi-head attention with the matrix API only: the baseline that records nothing.
    static func attention(_ x: Matrix, _ weights: [Matrix]) -> Matrix {
        let q = x.multiplied(by: weights[0]), k = x.multiplied(by: weights[1]), v = x.multiplied(by: weights[2])
        let dk = modelWidth / heads
        let outputs = (0..<heads).map { j -> Matrix in
            let columns = (j * dk)..<((j + 1) * dk)
            let scores = q.columns(columns).multiplied(byTransposeOf: k.columns(columns)).scaled(by: 1 / Double(dk).squareRoot())
            return Softmax(rowsOf: scores).weights.multiplied(by: v.columns(columns))
        }
        return Matrix.concatenatingColumns(outputs).multiplied(by: weights[3])
    }

    /// GFLOP/s of the trace's products: four n x d by d x d projections and, per head,
    /// Q_h K_hᵀ and A_h V_h.
    private func productRate(_ x: Matrix, _ weights: [Matrix]) -> Double {
        let n = length, d = Self.modelWidth, dk = d / Self.heads
        let generator = ParameterGenerator(seed: 2)
        let q = generator.glorotUniform(named: "q", rows: n, columns: dk)
        let a = generator.glorotUniform(named: "a", rows: n, columns: n)
        let time = (0..<3).map { _ in
            seconds {
                for w in weights { _ = x.multiplied(by: w) }
                for _ in 0..<Self.heads {
                    _ = q.multiplied(byTransposeOf: q)
                    _ = a.multiplied(by: q)
                }
            }
        }.min() ?? 1
        let flops = 4 * 2 * n * d * d + Self.heads * 4 * n * n * dk
        return Double(flops) / time / 1e9
    }
}

/// Seconds taken by `body`.
func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// The process's peak resident set size (`VmHWM` in `/proc/self/status`), in bytes.
func peakResidentBytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
          let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
    return kilobytes * 1024
}

struct BenchmarkFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
