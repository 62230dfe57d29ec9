import AttentionCheckpoints
import Foundation
import Testing

/// Each malformed case, made by truncating or patching `tiny.gguf`'s bytes.
@Suite struct GGUFErrorTests {
    let bytes: Data

    init() throws {
        bytes = try Data(contentsOf: Fixtures.url("tiny.gguf"))
    }

    /// The offset just past the first occurrence of `text` in the file (a key's or a tensor's name).
    func offset(after text: String) throws -> Int {
        try #require(bytes.range(of: Data(text.utf8))).upperBound
    }

    /// The file with `value` written little-endian at `offset`.
    func patched(at offset: Int, with value: some FixedWidthInteger) -> Data {
        var copy = bytes
        withUnsafeBytes(of: value.littleEndian) { copy.replaceSubrange(offset..<offset + $0.count, with: $0) }
        return copy
    }

    func error(reading data: Data) -> GGUFError? {
        #expect(throws: GGUFError.self) { try GGUFFile(data: data, name: "bad.gguf") }
        do {
            _ = try GGUFFile(data: data, name: "bad.gguf")
            return nil
        } catch {
            return error as? GGUFError
        }
    }

    @Test func badMagic() {
        let error = error(reading: patched(at: 0, with: UInt32(0x4C4C_5546)))
        #expect(error == .badMagic(file: "bad.gguf", found: [0x46, 0x55, 0x4C, 0x4C]))
        #expect(error?.description == "bad.gguf: not a GGUF file (it starts with bytes 46 55 4c 4c, not 'GGUF' = 47 47 55 46)")
    }

    @Test func badMagicOfAShortFile() {
        #expect(error(reading: Data([0x47, 0x0A])) == .badMagic(file: "bad.gguf", found: [0x47, 0x0A]))
        #expect(GGUFError.badMagic(file: "bad.gguf", found: [0x47, 0x0A]).description
            == "bad.gguf: not a GGUF file (it starts with bytes 47 0a, not 'GGUF' = 47 47 55 46)")
    }

    @Test func unsupportedVersions() {
        #expect(error(reading: patched(at: 4, with: UInt32(1))) == .unsupportedVersion(1, file: "bad.gguf"))
        #expect(error(reading: patched(at: 4, with: UInt32(3).byteSwapped)) == .unsupportedVersion(0x0300_0000, file: "bad.gguf"))
    }

    @Test func truncatedHeader() {
        let error = error(reading: bytes.prefix(10))
        #expect(error == .truncated(file: "bad.gguf", reading: "the header", offset: 10))
        #expect(error?.description == "bad.gguf: the file ends at byte 10 while reading the header")
    }

    @Test func truncatedMetadata() throws {
        let value = try offset(after: "test.uint16") + 4
        #expect(error(reading: bytes.prefix(value + 1))
            == .truncated(file: "bad.gguf", reading: "metadata value 'test.uint16'", offset: value + 1))
        #expect(error(reading: bytes.prefix(30)) == .truncated(file: "bad.gguf", reading: "metadata key #0", offset: 30))
    }

    @Test func stringLengthPastTheEnd() {
        let error = error(reading: patched(at: 24, with: UInt64(1) << 40))
        #expect(error == .lengthPastEnd(file: "bad.gguf", reading: "metadata key #0", length: 1 << 40, offset: 24))
    }

    @Test func arrayLengthPastTheEnd() throws {
        let count = try offset(after: "tokenizer.ggml.tokens") + 8
        #expect(error(reading: patched(at: count, with: UInt64.max)) == .lengthPastEnd(
            file: "bad.gguf", reading: "metadata value 'tokenizer.ggml.tokens'", length: .max, offset: count))
        // 1,000 strings need at least 8,000 bytes: refused before reading any.
        #expect(error(reading: patched(at: count, with: UInt64(1000))) == .lengthPastEnd(
            file: "bad.gguf", reading: "metadata value 'tokenizer.ggml.tokens'", length: 1000, offset: count))
    }

    @Test func unknownMetadataType() throws {
        let error = error(reading: patched(at: try offset(after: "test.uint8"), with: UInt32(13)))
        #expect(error == .unknownValueType(13, key: "test.uint8", file: "bad.gguf"))
        #expect(error?.description == "bad.gguf: metadata key 'test.uint8' has unknown value type 13")
    }

    @Test func invalidAlignment() throws {
        let value = try offset(after: "general.alignment") + 4
        #expect(error(reading: patched(at: value, with: UInt32(48))) == .invalidAlignment(file: "bad.gguf", found: "uint(48)"))
    }

    /// A tensor info after its name: the dim count (uint32), 2 dims (uint64), the type (uint32), the offset (uint64).
    func tensorInfo(_ name: String) throws -> (dims: Int, type: Int, offset: Int) {
        let dims = try offset(after: name) + 4
        return (dims, dims + 16, dims + 20)
    }

    @Test func tensorPastTheEnd() throws {
        let file = try GGUFFile(data: bytes)
        let last = try file.tensor(named: "q4_1.weight")
        let end = file.dataOffset + last.offset + last.byteCount
        let error = error(reading: bytes.prefix(end - 1))
        #expect(error == .tensorPastEnd(tensor: "q4_1.weight", file: "bad.gguf", offset: end - 120, byteCount: 120, fileSize: end - 1))
        #expect(error?.description
            == "bad.gguf: tensor 'q4_1.weight' (120 bytes at byte 1344) runs past the end of the file (1463 bytes)")
        let huge = try tensorInfo("f32.weight").dims
        #expect(self.error(reading: patched(at: huge, with: UInt64(1) << 62)) == .tensorPastEnd(
            tensor: "f32.weight", file: "bad.gguf", offset: 896, byteCount: .max, fileSize: bytes.count))
    }

    @Test func misalignedTensor() throws {
        let info = try tensorInfo("q4_1.weight")
        let error = error(reading: patched(at: info.offset, with: UInt64(448 + 1)))
        #expect(error == .misalignedTensor(tensor: "q4_1.weight", file: "bad.gguf", offset: 449, alignment: 64))
    }

    @Test func unknownTensorType() throws {
        let error = error(reading: patched(at: try tensorInfo("q8_0.weight").type, with: UInt32(99)))
        #expect(error == .unknownTensorType(99, tensor: "q8_0.weight", file: "bad.gguf"))
    }

    @Test func partialBlock() throws {
        let error = error(reading: patched(at: try tensorInfo("q8_0.weight").dims, with: UInt64(48)))
        #expect(error == .partialBlock(tensor: "q8_0.weight", file: "bad.gguf", type: .q8_0, innermost: 48))
    }

    @Test func unknownTensorNameSuggestsTheClosest() throws {
        let file = try GGUFFile(data: bytes, name: "tiny.gguf")
        #expect(throws: GGUFError.unknownTensor("q4_1.weigth", file: "tiny.gguf", suggestion: "q4_1.weight")) {
            try file.values(of: "q4_1.weigth")
        }
        #expect(GGUFError.unknownTensor("q4_1.weigth", file: "tiny.gguf", suggestion: "q4_1.weight").description
            == "tiny.gguf: no tensor 'q4_1.weigth' (did you mean 'q4_1.weight'?)")
    }

    @Test func refusesATypeItCannotDecode() throws {
        // Q4_0 takes 18 bytes per 32 elements, fewer than Q8_0's 34, so the file stays in bounds.
        let file = try GGUFFile(data: patched(at: try tensorInfo("q8_0.weight").type, with: GGMLType.q4_0.rawValue), name: "q4_0.gguf")
        #expect(try file.tensor(named: "q8_0.weight").type == .q4_0)
        #expect(throws: GGUFError.unsupportedTensorType(.q4_0, tensor: "q8_0.weight", file: "q4_0.gguf")) {
            try file.values(of: "q8_0.weight")
        }
        #expect(GGUFError.unsupportedTensorType(.q4_0, tensor: "q8_0.weight", file: "q4_0.gguf").description
            == "q4_0.gguf: tensor 'q8_0.weight' has type Q4_0, which this reader cannot decode (only F32, F16, BF16, F64, Q8_0 and Q4_1)")
    }
}
