import Foundation

/// A safetensors file, read and validated: its tensors' names, dtypes, shapes and offsets, and
/// its `__metadata__` string map. Values are decoded on demand.
///
/// The format (Hugging Face's `safetensors`): an unsigned 64-bit little-endian length `N`, then
/// `N` bytes of a UTF-8 JSON object, then the data. Each key of the object except
/// `__metadata__` names a tensor: `{"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}`,
/// offsets in bytes from the start of the data, little-endian values in row-major order.
/// `__metadata__`, if present, maps strings to strings.
///
/// Reading checks everything the format promises, as the reference implementation does: the
/// header is complete and is such an object; every dtype is known; every tensor's byte count is
/// its element count times its dtype's size; no tensor ends past the data; and the tensors cover
/// the data exactly, without overlaps or gaps.
public struct SafeTensorsFile: Sendable {
    /// Where one tensor lies in the file.
    public struct Entry: Equatable, Sendable {
        /// The element type as stored.
        public var dtype: DType
        /// The size of each axis.
        public var shape: [Int]
        /// The tensor's bytes, relative to the start of the data section.
        public var byteRange: Range<Int>
    }

    /// The `__metadata__` map (empty when the file has none).
    public let metadata: [String: String]
    /// Every tensor's entry, by name.
    public let entries: [String: Entry]
    private let bytes: Data
    private let dataStart: Int

    /// Reads the file at `url`, memory-mapped, so a tensor's bytes are read only when it is decoded.
    ///
    /// - Throws: The file system's error if the file cannot be opened; ``SafeTensorsError`` if it
    ///   is not a valid safetensors file.
    public init(contentsOf url: URL) throws {
        try self.init(bytes: Data(contentsOf: url, options: .alwaysMapped))
    }

    /// Reads a safetensors file held in memory.
    ///
    /// - Throws: ``SafeTensorsError`` naming the first thing that is wrong.
    public init(bytes: Data) throws {
        guard bytes.count >= 8 else { throw SafeTensorsError.truncatedHeader(announced: 0, available: bytes.count) }
        let length = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        guard length <= UInt64(bytes.count - 8) else {
            throw SafeTensorsError.truncatedHeader(announced: length, available: bytes.count)
        }
        let start = bytes.startIndex
        let header = bytes[(start + 8)..<(start + 8 + Int(length))]
        guard header.first == UInt8(ascii: "{") else { throw SafeTensorsError.malformedHeader("it does not start with '{'") }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: header)
        } catch {
            throw SafeTensorsError.malformedHeader("it is not valid JSON")
        }
        guard let fields = object as? [String: Any] else { throw SafeTensorsError.malformedHeader("it is not a JSON object") }
        var metadata: [String: String] = [:], entries: [String: Entry] = [:]
        for (name, value) in fields {
            if name == "__metadata__" {
                guard let map = value as? [String: Any] else {
                    throw SafeTensorsError.malformedHeader("'__metadata__' is not an object")
                }
                for (key, item) in map {
                    guard let text = item as? String else {
                        throw SafeTensorsError.malformedHeader("'__metadata__' value '\(key)' is not a string")
                    }
                    metadata[key] = text
                }
            } else {
                entries[name] = try Self.entry(named: name, from: value)
            }
        }
        try Self.checkLayout(of: entries, dataSize: bytes.count - 8 - Int(length))
        self.metadata = metadata
        self.entries = entries
        self.bytes = bytes
        self.dataStart = 8 + Int(length)
    }

    /// The tensors' names, sorted.
    public var names: [String] { entries.keys.sorted() }

    /// The named tensor, its values converted to `Double`.
    ///
    /// - Throws: ``SafeTensorsError/missingTensor(_:available:)`` if the file has no such tensor.
    public func tensor(named name: String) throws -> SafeTensor {
        guard let entry = entries[name] else { throw SafeTensorsError.missingTensor(name, available: names) }
        let count = entry.shape.reduce(1, *)
        let values = bytes.withUnsafeBytes { raw -> [Double] in
            guard let base = raw.baseAddress else { return [] }
            return entry.dtype.decode(count: count, at: base + dataStart + entry.byteRange.lowerBound)
        }
        return SafeTensor(shape: entry.shape, values: values)
    }

    /// Rows `rows` of the named matrix, in that order, converted to `Double`: a few rows of an
    /// embedding table without decoding the rest.
    ///
    /// - Throws: ``SafeTensorsError/missingTensor(_:available:)`` if the file has no such tensor.
    /// - Precondition: the tensor has two axes, and every row is below its row count.
    public func values(of name: String, rows: [Int]) throws -> [Double] {
        guard let entry = entries[name] else { throw SafeTensorsError.missingTensor(name, available: names) }
        precondition(entry.shape.count == 2 && rows.allSatisfy { (0..<entry.shape[0]).contains($0) },
                     "rows \(rows) of '\(name)', of shape \(entry.shape)")
        let columns = entry.shape[1], rowBytes = columns * entry.dtype.byteCount
        return bytes.withUnsafeBytes { raw -> [Double] in
            guard let base = raw.baseAddress else { return [] }
            var values: [Double] = []
            values.reserveCapacity(rows.count * columns)
            for row in rows {
                values += entry.dtype.decode(count: columns, at: base + dataStart + entry.byteRange.lowerBound + row * rowBytes)
            }
            return values
        }
    }

    private static func entry(named name: String, from value: Any) throws -> Entry {
        guard let info = value as? [String: Any] else {
            throw SafeTensorsError.malformedHeader("tensor '\(name)' is not an object")
        }
        guard let dtypeName = info["dtype"] as? String else {
            throw SafeTensorsError.malformedHeader("tensor '\(name)' has no string 'dtype'")
        }
        guard let dtype = DType(rawValue: dtypeName) else { throw SafeTensorsError.unknownDType(tensor: name, dtype: dtypeName) }
        guard let shape = naturals(info["shape"]) else {
            throw SafeTensorsError.malformedHeader("tensor '\(name)' has no 'shape' of non-negative integers")
        }
        guard let offsets = naturals(info["data_offsets"]), offsets.count == 2 else {
            throw SafeTensorsError.malformedHeader("tensor '\(name)' has no 'data_offsets' of two non-negative integers")
        }
        guard offsets[0] <= offsets[1] else { throw SafeTensorsError.overlappingOffsets(tensor: name, other: name) }
        var expected = dtype.byteCount
        for size in shape {
            let (product, overflow) = expected.multipliedReportingOverflow(by: size)
            expected = overflow ? .max : product
        }
        let found = offsets[1] - offsets[0]
        guard expected == found else {
            throw SafeTensorsError.shapeMismatch(tensor: name, shape: shape, dtype: dtypeName, expectedBytes: expected,
                                                 foundBytes: found)
        }
        return Entry(dtype: dtype, shape: shape, byteRange: offsets[0]..<offsets[1])
    }

    /// The array of non-negative integers `value` holds, or `nil`.
    private static func naturals(_ value: Any?) -> [Int]? {
        guard let items = value as? [Any] else { return nil }
        var result: [Int] = []
        for item in items {
            // JSON's `true` and `false` also arrive as NSNumber, of Objective-C type "c".
            guard let number = item as? NSNumber, String(cString: number.objCType) != "c",
                  let integer = Int(exactly: number.doubleValue), integer >= 0 else { return nil }
            result.append(integer)
        }
        return result
    }

    /// Checks that the tensors tile the data section `0..<dataSize` exactly.
    private static func checkLayout(of entries: [String: Entry], dataSize: Int) throws {
        let ordered = entries.sorted { ($0.value.byteRange.lowerBound, $0.value.byteRange.upperBound, $0.key)
            < ($1.value.byteRange.lowerBound, $1.value.byteRange.upperBound, $1.key) }
        var covered = 0, previous = ""
        for (name, entry) in ordered {
            let range = entry.byteRange
            guard range.upperBound <= dataSize else {
                throw SafeTensorsError.offsetsPastEnd(tensor: name, end: range.upperBound, dataSize: dataSize)
            }
            if range.lowerBound < covered { throw SafeTensorsError.overlappingOffsets(tensor: name, other: previous) }
            if range.lowerBound > covered { throw SafeTensorsError.uncoveredBytes(start: covered, end: range.lowerBound) }
            covered = range.upperBound
            previous = name
        }
        if covered < dataSize { throw SafeTensorsError.uncoveredBytes(start: covered, end: dataSize) }
    }
}
