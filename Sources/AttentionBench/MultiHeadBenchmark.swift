import AttentionEngine
import AttentionJSON
import AttentionMath
import AttentionRendering
import AttentionTrace
import Foundation

/// One size of the multi-head self-attention benchmark: d_model = 512, 8 heads, float64.
///
/// It runs in one of two modes, each in its own process so that each peak memory is its own:
/// ``runEngine(report:)`` records every intermediate (`--full`) and compares with the same
/// attention recording nothing; ``runWalkthrough(report:)`` makes the HTML walkthrough as
/// `attention-trace trace --output page.html` does, under the default recording policy.
struct MultiHeadBenchmark {
    static let modelWidth = 512
    static let heads = 8

    let length: Int

    /// What the engine measured with every intermediate recorded.
    struct EngineMeasurement: Codable {
        /// Seconds to compute the attention with the matrix API alone, recording nothing.
        var compute: Double
        /// Seconds for the process's first full trace (compute and record), minus `compute`: every
        /// intermediate it keeps is fresh memory, faulted in page by page.
        var recording: Double
        /// Seconds for the best of two more full traces, each made after the one before was freed,
        /// minus `compute`: the intermediates reuse memory the process already has, as PyTorch's
        /// best of three runs after a warm-up does.
        var warmRecording: Double
        /// The rate of the trace's matrix products alone.
        var gflops: Double
        /// Peak resident memory of the process after tracing, in bytes.
        var peakResident: Int
    }

    /// What making and writing one output measured.
    struct OutputMeasurement: Codable {
        var seconds: Double
        var bytes: Int
        /// Peak resident memory of the process after writing, in bytes.
        var peakResident: Int
    }

    /// Traces with every intermediate recorded, then streams that trace's JSON (`--full`)
    /// to a file, reporting each measurement as soon as it is made, so a size whose JSON
    /// runs out of time still reports the engine.
    func runEngine(report: (Encodable) -> Void) throws {
        let (x, weights) = inputs()
        // The best of two runs, so the first run's page faults do not count against the baseline.
        let compute = min(seconds { _ = Self.attention(x, weights) }, seconds { _ = Self.attention(x, weights) })
        var trace: Trace?
        let first = try seconds { trace = try self.trace(x, weights, recording: .full) }
        let peak = peakResidentBytes()
        var warm = Double.infinity
        for _ in 0..<2 {
            trace = nil
            warm = min(warm, try seconds { trace = try self.trace(x, weights, recording: .full) })
        }
        guard let trace else { throw BenchmarkFailure("the trace did not complete") }
        report(EngineMeasurement(compute: compute, recording: max(0, first - compute), warmRecording: max(0, warm - compute),
                                 gflops: productRate(x, weights), peakResident: peak))
        report(try write(trace, as: .json))
    }

    /// Traces under the default recording policy and writes the HTML page, then the JSON,
    /// each into a file; the page's time covers tracing, rendering and writing.
    func runWalkthrough(report: (Encodable) -> Void) throws {
        let (x, weights) = inputs()
        var trace: Trace?
        var page = OutputMeasurement(seconds: 0, bytes: 0, peakResident: 0)
        let total = try seconds {
            trace = try self.trace(x, weights, recording: .bounded)
            if let trace { page = try write(trace, as: .html) }
        }
        guard let trace else { throw BenchmarkFailure("the trace did not complete") }
        report(OutputMeasurement(seconds: total, bytes: page.bytes, peakResident: peakResidentBytes()))
        report(try write(trace, as: .json))
    }

    private func inputs() -> (Matrix, [Matrix]) {
        let generator = ParameterGenerator(seed: 1)
        let x = generator.glorotUniform(named: "X", rows: length, columns: Self.modelWidth)
        let weights = ["W_Q", "W_K", "W_V", "W_O"].map {
            generator.glorotUniform(named: $0, rows: Self.modelWidth, columns: Self.modelWidth)
        }
        return (x, weights)
    }

    private func trace(_ x: Matrix, _ weights: [Matrix], recording: RecordingPolicy) throws -> Trace {
        let spec = InputSpec(tensors: ["X": tensor(x), "W_Q": tensor(weights[0]), "W_K": tensor(weights[1]),
                                       "W_V": tensor(weights[2]), "W_O": tensor(weights[3])])
        return try AttentionTracer().trace(TraceRequest(variant: .multiHead, spec: spec, options: .init(heads: Self.heads),
                                                        memoryLimit: 64_000_000_000, recording: recording))
    }

    /// Writes the trace into a temporary file, as `trace --format F --output` does, and
    /// measures the time until the file is closed; the bytes are the file's size.
    private func write(_ trace: Trace, as format: TraceFormat) throws -> OutputMeasurement {
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("attention-bench-\(length)-\(getpid()).\(format.rawValue)")
        guard FileManager.default.createFile(atPath: file.path, contents: nil) else {
            throw BenchmarkFailure("cannot create \(file.path)")
        }
        defer { try? FileManager.default.removeItem(at: file) }
        let handle = try FileHandle(forWritingTo: file)
        var sink = FileHandleSink(handle)
        let time = try seconds {
            try render(trace, as: format, to: &sink)
            try handle.close()
        }
        let bytes = try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int ?? 0
        return OutputMeasurement(seconds: time, bytes: bytes, peakResident: peakResidentBytes())
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
