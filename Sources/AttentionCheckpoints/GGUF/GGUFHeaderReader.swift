/// Reads everything of a GGUF file before its data section, and checks each tensor against the file's size.
struct GGUFHeaderReader {
    var version: UInt32 = 0
    var metadata: [String: GGUFValue] = [:]
    var metadataKeys: [String] = []
    var tensors: [GGUFTensorInfo] = []
    var alignment = GGUFHeaderReader.defaultAlignment
    var dataOffset = 0

    /// The default of `general.alignment`.
    static let defaultAlignment = 32

    static func read(_ cursor: GGUFCursor) throws -> GGUFHeaderReader {
        var cursor = cursor, header = GGUFHeaderReader()
        let magic = Array(cursor.bytes.prefix(4))
        guard magic == Array("GGUF".utf8) else { throw GGUFError.badMagic(file: cursor.file, found: magic) }
        _ = try cursor.read(UInt32.self)  // past the magic just checked
        header.version = try cursor.read(UInt32.self)
        guard header.version == 2 || header.version == 3 else {
            throw GGUFError.unsupportedVersion(header.version, file: cursor.file)
        }
        let tensorCount = try cursor.read(UInt64.self), metadataCount = try cursor.read(UInt64.self)
        for index in 0..<metadataCount {
            try header.readKeyValue(index: index, from: &cursor)
        }
        let infos = try (0..<tensorCount).map { index in try readTensorInfo(index: index, from: &cursor) }
        header.alignment = try alignment(of: header.metadata, file: cursor.file)
        header.dataOffset = (cursor.offset + header.alignment - 1) / header.alignment * header.alignment
        header.tensors = try infos.map { info in
            try header.checked(info, file: cursor.file, fileSize: cursor.bytes.count)
        }
        return header
    }

    private mutating func readKeyValue(index: UInt64, from cursor: inout GGUFCursor) throws {
        cursor.reading = "metadata key #\(index)"
        let key = try cursor.readString()
        cursor.reading = "metadata value '\(key)'"
        let value = try cursor.readValue(of: cursor.readValueType(key: key), key: key)
        if metadata.updateValue(value, forKey: key) == nil { metadataKeys.append(key) }
    }

    /// A tensor info as stored: the name, the dims innermost first, the type and the offset.
    private struct StoredInfo {
        var name: String
        var dims: [UInt64]
        var type: GGMLType
        var offset: UInt64
    }

    private static func readTensorInfo(index: UInt64, from cursor: inout GGUFCursor) throws -> StoredInfo {
        cursor.reading = "tensor info #\(index)"
        let name = try cursor.readString()
        cursor.reading = "tensor info '\(name)'"
        let dimCount = try cursor.read(UInt32.self)
        let dims = try (0..<dimCount).map { _ in try cursor.read(UInt64.self) }
        let code = try cursor.read(UInt32.self)
        guard let type = GGMLType(rawValue: code) else {
            throw GGUFError.unknownTensorType(code, tensor: name, file: cursor.file)
        }
        return StoredInfo(name: name, dims: dims, type: type, offset: try cursor.read(UInt64.self))
    }

    private static func alignment(of metadata: [String: GGUFValue], file: String) throws -> Int {
        guard let value = metadata["general.alignment"] else { return defaultAlignment }
        guard case let .uint(alignment) = value, alignment > 0, alignment <= UInt32.max, alignment & (alignment - 1) == 0 else {
            throw GGUFError.invalidAlignment(file: file, found: "\(value)")
        }
        return Int(alignment)
    }

    /// The tensor info in PyTorch order, once its offset is aligned, its innermost dim a whole number
    /// of blocks and its bytes inside the file.
    private func checked(_ info: StoredInfo, file: String, fileSize: Int) throws -> GGUFTensorInfo {
        let pastEnd = { (offset: Int, byteCount: Int) in
            GGUFError.tensorPastEnd(tensor: info.name, file: file, offset: offset, byteCount: byteCount, fileSize: fileSize)
        }
        guard let offset = Int(exactly: info.offset) else { throw pastEnd(.max, 0) }
        guard offset % alignment == 0 else {
            throw GGUFError.misalignedTensor(tensor: info.name, file: file, offset: offset, alignment: alignment)
        }
        let shape = try info.dims.reversed().map { dim in
            guard let dim = Int(exactly: dim) else { throw pastEnd(dataOffset + offset, .max) }
            return dim
        }
        let elementCount = try shape.reduce(1) { product, dim in
            let (next, overflow) = product.multipliedReportingOverflow(by: dim)
            guard !overflow else { throw pastEnd(dataOffset + offset, .max) }
            return next
        }
        let innermost = shape.last ?? 1
        guard innermost % info.type.blockSize == 0 else {
            throw GGUFError.partialBlock(tensor: info.name, file: file, type: info.type, innermost: innermost)
        }
        let (byteCount, overflow) = (elementCount / info.type.blockSize).multipliedReportingOverflow(by: info.type.blockByteCount)
        let (start, startOverflow) = dataOffset.addingReportingOverflow(offset)
        guard !overflow, !startOverflow, byteCount <= fileSize - min(start, fileSize), start <= fileSize else {
            throw pastEnd(startOverflow ? .max : start, overflow ? .max : byteCount)
        }
        return GGUFTensorInfo(name: info.name, shape: shape, type: info.type, offset: offset,
                              elementCount: elementCount, byteCount: byteCount)
    }
}
