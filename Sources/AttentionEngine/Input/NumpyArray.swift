import AttentionTrace
import SafeTensors

/// One array in numpy's `.npy` format, as `numpy.save` writes it: float64 or float32,
/// little-endian, in C (row-major) order.
///
/// The format: the magic `\x93NUMPY`, a major and a minor version byte, the header's length
/// (2 bytes little-endian in version 1, 4 bytes in versions 2 and 3), then the header, a Python
/// dict literal such as `{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }`, then
/// the data.
struct NumpyArray {
    /// The element type, as the safetensors reader decodes it.
    let dtype: DType
    /// The size of each axis; `[]` for a scalar.
    let shape: [Int]

    /// The numpy type strings read, and the element type of each.
    static let dtypes: [String: DType] = ["<f8": .f64, "<f4": .f32]

    /// The values of the `.npy` file whose bytes are `bytes`.
    ///
    /// - Throws: A message saying what is wrong: not a `.npy` file, an unknown version, a
    ///   malformed header, a dtype other than `<f8` and `<f4`, Fortran order, or data that is
    ///   shorter or longer than the header's shape needs.
    static func tensor(from bytes: UnsafeRawBufferPointer) throws(TensorFileError) -> Tensor {
        let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)
        guard bytes.count >= 10, bytes.prefix(6).elementsEqual(magic) else {
            throw TensorFileError("it is not a .npy file (it does not start with \\x93NUMPY)")
        }
        let major = bytes[6]
        let lengthSize: Int
        switch major {
        case 1: lengthSize = 2
        case 2, 3: lengthSize = 4
        default: throw TensorFileError("it is .npy version \(major).\(bytes[7]); versions 1, 2 and 3 are read")
        }
        let headerStart = 8 + lengthSize
        guard bytes.count >= headerStart else { throw TensorFileError("it ends inside its header") }
        let headerLength = (0..<lengthSize).reduce(0) { length, index in length | Int(bytes[8 + index]) << (8 * index) }
        guard bytes.count - headerStart >= headerLength else { throw TensorFileError("it ends inside its header") }
        let header = try NumpyHeader(String(decoding: bytes[headerStart..<(headerStart + headerLength)], as: UTF8.self))
        let array = try NumpyArray(header)
        let dataStart = headerStart + headerLength
        let count = array.shape.reduce(1) { $0.multipliedReportingOverflow(by: $1).overflow ? .max : $0 * $1 }
        let (needed, overflow) = count.multipliedReportingOverflow(by: array.dtype.byteCount)
        let found = bytes.count - dataStart
        guard !overflow, found == needed else {
            throw TensorFileError("its header announces shape \(array.shape) of '\(header.descr)', \(needed) bytes, "
                + "but \(found) bytes follow it (\(found < needed ? "the file is truncated" : "the file has extra bytes"))")
        }
        guard let base = bytes.baseAddress else { return Tensor(shape: array.shape, scalars: []) }
        return Tensor(shape: array.shape, scalars: array.dtype.decode(count: count, at: base + dataStart))
    }

    private init(_ header: NumpyHeader) throws(TensorFileError) {
        guard let dtype = Self.dtypes[header.descr] else {
            let reason = header.descr.hasPrefix(">") ? "big-endian dtype" : "dtype"
            throw TensorFileError("it holds \(reason) '\(header.descr)'; save float64 ('<f8') or float32 ('<f4'), little-endian")
        }
        guard !header.fortranOrder else {
            throw TensorFileError("it is in Fortran order; save the array in C order (numpy.ascontiguousarray)")
        }
        self.dtype = dtype
        self.shape = header.shape
    }
}

/// The dict literal of a `.npy` header: `{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }`.
private struct NumpyHeader {
    var descr = ""
    var fortranOrder = false
    var shape: [Int] = []

    static let keys = ["descr", "fortran_order", "shape"]

    private var text: [UInt8]
    private var offset = 0

    init(_ header: String) throws(TensorFileError) {
        text = Array(header.utf8)
        var seen: Set<String> = []
        try expect("{")
        while !skip("}") {
            let key = try quoted()
            guard Self.keys.contains(key), seen.insert(key).inserted else { throw malformed("an unexpected key '\(key)'") }
            try expect(":")
            switch key {
            case "descr": descr = try quoted()
            case "fortran_order": fortranOrder = try boolean()
            default: shape = try tuple()
            }
            if !skip(",") {
                try expect("}")
                break
            }
        }
        guard seen.count == Self.keys.count else {
            throw malformed("no " + Self.keys.filter { !seen.contains($0) }.map { "'\($0)'" }.joined(separator: ", "))
        }
    }

    private func malformed(_ what: String) -> TensorFileError {
        TensorFileError("its header has \(what); it is not a header numpy.save writes")
    }

    private mutating func skipSpace() {
        while offset < text.count, text[offset] == UInt8(ascii: " ") || text[offset] == UInt8(ascii: "\n") { offset += 1 }
    }

    private mutating func skip(_ character: Unicode.Scalar) -> Bool {
        skipSpace()
        guard offset < text.count, text[offset] == UInt8(ascii: character) else { return false }
        offset += 1
        return true
    }

    private mutating func expect(_ character: Unicode.Scalar) throws(TensorFileError) {
        guard skip(character) else { throw malformed("no '\(character)' where one belongs") }
    }

    private mutating func quoted() throws(TensorFileError) -> String {
        skipSpace()
        guard offset < text.count, text[offset] == UInt8(ascii: "'") || text[offset] == UInt8(ascii: "\"") else {
            throw malformed("a key or a dtype that is not a quoted string")
        }
        let quote = text[offset]
        guard let end = text[(offset + 1)...].firstIndex(of: quote) else { throw malformed("an unterminated string") }
        defer { offset = end + 1 }
        return String(decoding: text[(offset + 1)..<end], as: UTF8.self)
    }

    private mutating func boolean() throws(TensorFileError) -> Bool {
        skipSpace()
        for (word, value) in [("True", true), ("False", false)] where text[offset...].starts(with: word.utf8) {
            offset += word.utf8.count
            return value
        }
        throw malformed("a 'fortran_order' that is neither True nor False")
    }

    private mutating func tuple() throws(TensorFileError) -> [Int] {
        try expect("(")
        var sizes: [Int] = []
        while !skip(")") {
            let start = offset
            while offset < text.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(text[offset]) { offset += 1 }
            guard let size = Int(String(decoding: text[start..<offset], as: UTF8.self)) else {
                throw malformed("a 'shape' that is not a tuple of sizes")
            }
            sizes.append(size)
            if !skip(",") {
                try expect(")")
                break
            }
        }
        return sizes
    }
}
