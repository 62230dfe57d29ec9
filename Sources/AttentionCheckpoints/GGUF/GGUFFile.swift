import Foundation
import NameSuggestions

/// A GGUF file (llama.cpp's checkpoint format, versions 2 and 3): its metadata, its tensor infos and,
/// on demand, each tensor's values as `Double`.
///
/// The layout, all little-endian (see `Docs/models/gguf.md`): the magic `GGUF`, a uint32 version, a uint64
/// tensor count and a uint64 metadata count; the metadata key–value pairs (a string key, a uint32 type
/// code, the value); the tensor infos (a string name, a uint32 dim count, the dims as uint64 innermost first,
/// a uint32 ggml type, a uint64 offset into the data section); padding to `general.alignment` (default 32);
/// the data section. Opening a file reads the header, metadata and tensor infos and checks every tensor's
/// bounds and alignment; tensor bytes are decoded only by ``values(of:)``.
public struct GGUFFile: Sendable {
    /// The name errors give the file: its path, or what the caller called the data.
    public let name: String
    /// The format version, 2 or 3.
    public let version: UInt32
    /// The metadata, by key (`general.architecture`, `llama.block_count`, `tokenizer.ggml.tokens`, …).
    public let metadata: [String: GGUFValue]
    /// The metadata keys in the order the file lists them.
    public let metadataKeys: [String]
    /// The tensor infos in the order the file lists them.
    public let tensors: [GGUFTensorInfo]
    /// The data section's alignment: `general.alignment`, or 32.
    public let alignment: Int
    /// The byte offset of the data section from the start of the file.
    public let dataOffset: Int

    private let bytes: Data
    private let tensorIndices: [String: Int]

    /// Reads the GGUF file at `url`, memory-mapped so that tensor bytes are paged in only when decoded.
    ///
    /// - Throws: `GGUFError` when the file is malformed (or Foundation's error when it cannot be read).
    public init(contentsOf url: URL) throws {
        try self.init(data: Data(contentsOf: url, options: .alwaysMapped), name: url.path)
    }

    /// Reads a GGUF file from its bytes.
    ///
    /// - Parameters:
    ///   - data: the whole file.
    ///   - name: what errors call the file.
    /// - Throws: `GGUFError`: a bad magic, an unsupported version, a truncated header, metadata or tensor info,
    ///   a string or array length past the end, an unknown value or tensor type, an invalid alignment, a tensor
    ///   that is misaligned, not a whole number of blocks, or runs past the end.
    public init(data: Data, name: String = "GGUF data") throws {
        let header = try data.withUnsafeBytes { try GGUFHeaderReader.read(GGUFCursor(bytes: $0, file: name)) }
        self.name = name
        version = header.version
        metadata = header.metadata
        metadataKeys = header.metadataKeys
        tensors = header.tensors
        alignment = header.alignment
        dataOffset = header.dataOffset
        bytes = data
        tensorIndices = Dictionary(header.tensors.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The tensor info of `name`.
    ///
    /// - Throws: `GGUFError.unknownTensor`, with the closest name the file has.
    public func tensor(named name: String) throws -> GGUFTensorInfo {
        guard let index = tensorIndices[name] else {
            throw GGUFError.unknownTensor(name, file: self.name, suggestion: closestName(to: name, among: tensors.map(\.name)))
        }
        return tensors[index]
    }

    /// The values of tensor `name` as `Double`, row-major in ``GGUFTensorInfo/shape`` order.
    ///
    /// Decodes F32, F16, BF16 and F64 exactly, and dequantizes Q8_0 (`d · q`) and Q4_1 (`d · q + m`) as
    /// gguf-py does (see ``GGMLType``).
    ///
    /// - Throws: `GGUFError.unknownTensor`, or `.unsupportedTensorType` naming the type and the tensor.
    /// - Complexity: O(elements); reads only this tensor's bytes.
    public func values(of name: String) throws -> [Double] {
        let tensor = try tensor(named: name)
        let start = dataOffset + tensor.offset
        let values = bytes.withUnsafeBytes { buffer in
            buffer.baseAddress.flatMap { tensor.type.decode(count: tensor.elementCount, at: $0 + start) }
        }
        guard let values else { throw GGUFError.unsupportedTensorType(tensor.type, tensor: name, file: self.name) }
        return values
    }

    /// The values of rows `rows` of the matrix `name`, in that order, as `Double`: the embeddings of a
    /// few tokens without decoding the whole table.
    ///
    /// Each row of a GGUF matrix is a whole number of blocks (``GGUFError/partialBlock(tensor:file:type:innermost:)``
    /// refuses other files), so a row decodes on its own, as in ``values(of:)``.
    ///
    /// - Throws: As ``values(of:)``.
    /// - Precondition: the tensor is a matrix, and every row is below its row count.
    public func values(of name: String, rows: [Int]) throws -> [Double] {
        let tensor = try tensor(named: name)
        precondition(tensor.shape.count == 2, "rows of \(name), of shape \(tensor.shape)")
        guard tensor.type.isDecodable else { throw GGUFError.unsupportedTensorType(tensor.type, tensor: name, file: self.name) }
        let columns = tensor.shape[1], rowBytes = tensor.byteCount / max(tensor.shape[0], 1)
        var values: [Double] = []
        values.reserveCapacity(rows.count * columns)
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            for row in rows {
                precondition(tensor.shape[0] > row && row >= 0, "row \(row) of \(name), which has \(tensor.shape[0])")
                values += tensor.type.decode(count: columns, at: base + dataOffset + tensor.offset + row * rowBytes) ?? []
            }
        }
        return values
    }
}
