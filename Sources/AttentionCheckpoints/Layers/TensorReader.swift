import AttentionMath
import SafeTensors

/// Reads tensors by their model name under a prefix, checking shapes before decoding.
struct TensorReader {
    let file: SafeTensorsFile
    let prefix: String
    let fileName: String

    /// A reader that uses `taskModelPrefix` when the file holds `probe` only under that prefix
    /// (task models such as `BertForMaskedLM` or `GPT2LMHeadModel` nest the base model's names).
    init(file: SafeTensorsFile, taskModelPrefix: String, probe: String, fileName: String) {
        self.file = file
        self.prefix = file.entries[probe] == nil && file.entries[taskModelPrefix + probe] != nil ? taskModelPrefix : ""
        self.fileName = fileName
    }

    func values(_ name: String, shape: [Int]) throws -> [Double] {
        let full = prefix + name
        guard let entry = file.entries[full] else { throw CheckpointError.missingTensor(full, file: fileName) }
        guard entry.shape == shape else {
            throw CheckpointError.tensorShape(full, file: fileName, expected: shape, found: entry.shape)
        }
        return try file.tensor(named: full).values
    }

    func matrix(_ name: String, rows: Int, columns: Int) throws -> Matrix {
        Matrix(rows: rows, columns: columns, scalars: try values(name, shape: [rows, columns]))
    }

    func row(_ name: String, width: Int) throws -> Matrix {
        Matrix(row: try values(name, shape: [width]))
    }

    /// `NAME.weight` and `NAME.bias` as LayerNorm's γ and β, each of width `width`.
    func layerNorm(_ name: String, width: Int) throws -> LayerNormWeights {
        LayerNormWeights(scale: try row("\(name).weight", width: width), shift: try row("\(name).bias", width: width))
    }
}
