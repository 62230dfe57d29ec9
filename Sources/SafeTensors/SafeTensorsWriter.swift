import Foundation

/// Writes tensors and a metadata map in the safetensors format (see ``SafeTensorsFile``).
///
/// The output is deterministic: tensors are laid out in the order of their names (the order
/// Python's `safetensors` uses for tensors of one dtype), the header lists `__metadata__` first
/// and then the tensors in that order, keys in a fixed order, and the header is padded with
/// spaces to a multiple of 8 bytes so that the data is aligned, as the reference writer does.
public enum SafeTensorsWriter {
    /// The bytes of a safetensors file holding `tensors`, every one stored as `dtype`.
    ///
    /// - Parameters:
    ///   - tensors: The tensors by name. A name may not be `__metadata__`.
    ///   - dtype: ``DType/f32`` (values rounded to nearest) or ``DType/f64`` (exact).
    ///   - metadata: Strings stored under `__metadata__`; omitted when empty.
    /// - Returns: The whole file.
    /// - Throws: ``SafeTensorsError/invalidTensor(name:reason:)`` if a tensor's values do not fill
    ///   its shape, a name is reserved, or `dtype` cannot be written.
    public static func encode(_ tensors: [String: SafeTensor], as dtype: DType,
                              metadata: [String: String] = [:]) throws -> Data {
        let names = tensors.keys.sorted()
        var header = "{"
        var fields: [String] = []
        if !metadata.isEmpty {
            let pairs = metadata.keys.sorted().map { "\(quoted($0)):\(quoted(metadata[$0] ?? ""))" }
            fields.append("\"__metadata__\":{\(pairs.joined(separator: ","))}")
        }
        var offset = 0
        for name in names {
            guard let tensor = tensors[name] else { continue }
            guard dtype.isWritable else { throw SafeTensorsError.invalidTensor(name: name, reason: "dtype \(dtype.rawValue) is read-only") }
            guard name != "__metadata__" else { throw SafeTensorsError.invalidTensor(name: name, reason: "the name is reserved") }
            guard tensor.shape.allSatisfy({ $0 >= 0 }), tensor.values.count == tensor.elementCount else {
                throw SafeTensorsError.invalidTensor(
                    name: name, reason: "shape \(tensor.shape) holds \(tensor.elementCount) values, given \(tensor.values.count)")
            }
            let end = offset + tensor.values.count * dtype.byteCount
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            fields.append("\(quoted(name)):{\"dtype\":\"\(dtype.rawValue)\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(end)]}")
            offset = end
        }
        header += fields.joined(separator: ",") + "}"
        var headerBytes = Array(header.utf8)
        headerBytes += Array(repeating: UInt8(ascii: " "), count: (8 - headerBytes.count % 8) % 8)

        var data = Data(capacity: 8 + headerBytes.count + offset)
        append(UInt64(headerBytes.count), to: &data)
        data.append(contentsOf: headerBytes)
        for name in names {
            for value in tensors[name]?.values ?? [] {
                if dtype == .f64 { append(value.bitPattern, to: &data) } else { append(Float(value).bitPattern, to: &data) }
            }
        }
        return data
    }

    private static func append<Word: FixedWidthInteger>(_ word: Word, to data: inout Data) {
        withUnsafeBytes(of: word.littleEndian) { data.append(contentsOf: $0) }
    }

    /// `text` as a JSON string literal.
    private static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20: result += String(format: "\\u%04x", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
