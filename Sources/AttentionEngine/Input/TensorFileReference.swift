import AttentionTrace
import Foundation
import SafeTensors

/// A tensor a spec gives as a file rather than as numbers: `{"file": "x.npy"}`, or
/// `{"file": "weights.safetensors", "tensor": "W_Q"}` for one tensor of a safetensors file.
///
/// The path is relative to the spec's folder and must stay inside it (once `..` and symbolic
/// links are resolved), so that a spec can be moved with its tensors and a lesson's spec reads
/// nothing outside its course folder. Files are memory-mapped; float64 and float32 are read.
struct TensorFileReference: Equatable {
    /// The keys of a tensor file's object.
    static let keys = ["file", "tensor"]

    /// The path of the file, as the spec writes it.
    var file: String
    /// The tensor's name inside a safetensors file; `nil` for the tensor's canonical name.
    var tensor: String?

    /// The tensor `name` this reference gives, read from the spec `spec` in `folder`.
    ///
    /// - Throws: ``TraceError/unreadableSpec(file:reason:)`` naming the spec for a path that leaves
    ///   its folder, and naming the tensor file and the tensor for a file that is missing,
    ///   malformed, truncated, of another dtype, or that holds NaN or infinity.
    /// - Returns: The path the file was read from (the spec's folder joined to ``file``) and the tensor.
    func tensor(named name: String, spec: String, folder: String) throws(TraceError) -> (path: String, tensor: Tensor) {
        let path = try location(for: name, spec: spec, folder: folder)
        func failure(_ reason: String) -> TraceError {
            .unreadableSpec(file: path, reason: "tensor '\(printable(name))': \(reason)")
        }
        let bytes: Data
        do {
            bytes = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw failure("cannot read the file (\(FileManager.default.fileExists(atPath: path) ? "not readable" : "no such file"))")
        }
        let tensor: Tensor
        do {
            tensor = try read(bytes, extension: URL(fileURLWithPath: path).pathExtension.lowercased(), name: name)
        } catch {
            throw failure(error.message)
        }
        if let offset = tensor.scalars.firstIndex(where: { !$0.isFinite }) {
            throw failure("a non-finite value (NaN or infinity) at \(tensor.index(ofOffset: offset).map { "[\($0)]" }.joined())")
        }
        return (path, tensor)
    }

    /// The path of the file, joined to the spec's folder, once checked to lie inside it.
    private func location(for name: String, spec: String, folder: String) throws(TraceError) -> String {
        let joined = folder.isEmpty ? file : folder + "/" + file
        let shown = folder.isEmpty ? "." : folder
        func outside(_ reason: String) -> TraceError {
            .unreadableSpec(file: spec, reason: "invalid spec at tensors.\(printable(name)).file: '\(printable(file))' \(reason); "
                + "a spec reads tensor files only inside its folder '\(shown)', by paths relative to it")
        }
        guard !file.hasPrefix("/") else { throw outside("is an absolute path") }
        let root = URL(fileURLWithPath: shown).resolvingSymlinksInPath().standardizedFileURL.path
        let target = URL(fileURLWithPath: joined).resolvingSymlinksInPath().standardizedFileURL.path
        guard target.hasPrefix(root == "/" ? "/" : root + "/") else { throw outside("is outside the spec's folder") }
        return joined
    }

    private func read(_ bytes: Data, extension pathExtension: String, name: String) throws(TensorFileError) -> Tensor {
        switch pathExtension {
        case "npy":
            guard tensor == nil else { throw TensorFileError("a .npy file holds one array; leave out \"tensor\"") }
            return try bytes.withUnsafeBytes(typed: { raw throws(TensorFileError) in try NumpyArray.tensor(from: raw) })
        case "safetensors":
            return try TensorFileError.reading { try SafeTensorsFile(bytes: bytes).floatingPointTensor(named: tensor ?? name) }
        default:
            throw TensorFileError("'\(pathExtension)' files are not read; give a .npy or a .safetensors file")
        }
    }
}

/// Why a tensor file could not be read, said of the file ("it is truncated").
struct TensorFileError: Error {
    let message: String

    init(_ message: String) {
        self.message = message
    }

    /// The result of `body`, with a ``SafeTensorsError`` or a ``TensorFileError`` it throws as one of these.
    static func reading<T>(_ body: () throws -> T) throws(TensorFileError) -> T {
        do {
            return try body()
        } catch let error as TensorFileError {
            throw error
        } catch {
            throw TensorFileError("\(error)")
        }
    }
}

extension SafeTensorsFile {
    /// The float64 or float32 tensor `name`, as a trace's tensor.
    ///
    /// - Throws: ``TensorFileError`` for another dtype; ``SafeTensorsError`` for a missing tensor.
    func floatingPointTensor(named name: String) throws -> Tensor {
        if let dtype = entries[name]?.dtype, dtype != .f64, dtype != .f32 {
            throw TensorFileError("tensor '\(printable(name))' in the file has dtype \(dtype.rawValue); save it as F64 or F32")
        }
        let tensor = try tensor(named: name)
        return Tensor(shape: tensor.shape, scalars: tensor.values)
    }
}
