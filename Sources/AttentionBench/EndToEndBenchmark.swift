import AttentionEngine
import AttentionMath
import Foundation
import SafeTensors

/// What a user runs, timed as whole processes: `attention-trace trace --input SPEC --output page.html`
/// from a JSON spec and from a safetensors spec, beside the PyTorch program a user would write
/// instead (`pytorch_baseline.py --end-to-end`), in alternating runs, medians compared.
///
/// The specs are the multi-head benchmark's tensors (X of n x 512, W_Q, W_K, W_V, W_O of
/// 512 x 512, 8 heads), rounded to four decimals, so the JSON of n = 1024 is about 13 MB,
/// as a user's would be; the safetensors file holds the same numbers in float64.
struct EndToEndBenchmark {
    let length: Int
    /// Where the specs and the outputs are written.
    let folder: URL

    var jsonSpec: URL { folder.appendingPathComponent("multi-head-\(length).json") }
    var safetensorsSpec: URL { folder.appendingPathComponent("multi-head-\(length).safetensors") }
    /// The JSON spec with W_O one row short: the run stops at the shape check, right after parsing.
    var misshapenSpec: URL { folder.appendingPathComponent("multi-head-\(length)-misshapen.json") }

    /// Writes the three specs.
    func writeSpecs() throws {
        let generator = ParameterGenerator(seed: 1)
        let width = MultiHeadBenchmark.modelWidth
        var tensors = ["X": generator.glorotUniform(named: "X", rows: length, columns: width)]
        for name in ["W_Q", "W_K", "W_V", "W_O"] {
            tensors[name] = generator.glorotUniform(named: name, rows: width, columns: width)
        }
        let rounded = tensors.mapValues { matrix in matrix.scalars.map { ($0 * 10_000).rounded() / 10_000 } }
        let options = #"{"heads": \#(MultiHeadBenchmark.heads)}"#
        func json(rowsOf name: String, dropping dropped: Int = 0) -> String {
            let rows = (tensors[name]?.rows ?? 0) - dropped, columns = width, values = rounded[name] ?? []
            return "[" + (0..<rows).map { row in
                "[" + values[(row * columns)..<((row + 1) * columns)].map { "\($0)" }.joined(separator: ", ") + "]"
            }.joined(separator: ",\n") + "]"
        }
        func spec(misshapen: Bool) -> String {
            let entries = ["X", "W_Q", "W_K", "W_V", "W_O"].map { name in
                "\"\(name)\": " + json(rowsOf: name, dropping: misshapen && name == "W_O" ? 1 : 0)
            }
            return #"{"variant": "multi-head", "options": \#(options), "tensors": {"# + entries.joined(separator: ",\n") + "}}\n"
        }
        try Data(spec(misshapen: false).utf8).write(to: jsonSpec)
        try Data(spec(misshapen: true).utf8).write(to: misshapenSpec)
        let safeTensors = rounded.mapValues { SafeTensor(shape: [$0.count / width, width], values: $0) }
        try SafeTensorsWriter.encode(safeTensors, as: .f64, metadata: ["variant": "multi-head", "options": options])
            .write(to: safetensorsSpec)
    }

    /// The size of `url` in bytes.
    func size(of url: URL) -> Int {
        (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
    }
}

/// The median of `values` (the mean of the middle two for an even count).
func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}
