import AttentionCheckpoints
import Foundation
import Testing

@Suite struct GGUFFileTests {
    let file: GGUFFile
    let reference: GGUFReference

    init() throws {
        file = try GGUFFile(contentsOf: Fixtures.url("tiny.gguf"))
        reference = try Fixtures.decode(GGUFReference.self, from: "tiny-gguf-reference.json")
    }

    @Test func readsTheHeader() throws {
        #expect(file.version == reference.version)
        #expect(file.alignment == 64)
        #expect(file.dataOffset == 896)
        #expect(file.dataOffset % file.alignment == 0)
        #expect(file.name == (try Fixtures.url("tiny.gguf")).path)
    }

    @Test func readsEveryMetadataValueInOrder() {
        #expect(file.metadataKeys == reference.metadata.map(\.key))
        for entry in reference.metadata {
            #expect(file.metadata[entry.key] == entry.value, "\(entry.key) (\(entry.type))")
        }
    }

    @Test func typedLookups() {
        #expect(file.metadata["general.architecture"]?.string == "tiny")
        #expect(file.metadata["test.uint32"]?.integer == 4_000_000_000)
        #expect(file.metadata["test.int8"]?.integer == -100)
        #expect(file.metadata["test.uint64"]?.integer == nil)
        #expect(file.metadata["test.uint64"]?.double == 18e18)
        #expect(file.metadata["test.float32"]?.double == Double(Float(0.1)))
        #expect(file.metadata["test.float64"]?.double == 0.1)
        #expect(file.metadata["test.bool"]?.bool == true)
        #expect(file.metadata["test.string"]?.string == "héllo, wörld ▁Ġ")
        #expect(file.metadata["tokenizer.ggml.tokens"]?.strings == ["<s>", "</s>", "Ġthe", "▁cat", ""])
        #expect(file.metadata["test.nested"]?.strings == nil)
        #expect(file.metadata["test.nested"]?.array?.map { $0.array?.compactMap(\.integer) } == [[1, 2, 3], [4, 5]])
        #expect(file.metadata["test.string"]?.integer == nil)
    }

    @Test func listsEveryTensorWithItsShapeInPyTorchOrder() {
        #expect(file.tensors.map(\.name) == reference.tensors.map(\.name))
        #expect(file.tensors.map(\.shape) == [[2, 3, 4], [5, 6], [3, 64], [3, 64]])
        for (tensor, expected) in zip(file.tensors, reference.tensors) {
            #expect(tensor.shape == expected.shape)
            #expect(tensor.type.name == expected.type)
            #expect(tensor.elementCount == expected.values.count)
            #expect(tensor.offset % file.alignment == 0)
        }
        #expect(file.tensors.map(\.byteCount) == [96, 60, 204, 120])
    }

    @Test(arguments: ["f32.weight", "f16.weight", "q8_0.weight", "q4_1.weight"])
    func decodesTheValuesGGUFPyDequantizes(name: String) throws {
        let expected = try #require(reference.tensors.first { $0.name == name })
        let values = try file.values(of: name)
        #expect(values.count == expected.values.count)
        let worst = zip(values, expected.values).map { abs($0 - $1) }.max()
        #expect(worst == 0, "\(name): largest difference \(worst ?? .nan)")
    }

    @Test func opensVersion2Too() throws {
        var bytes = try Data(contentsOf: Fixtures.url("tiny.gguf"))
        bytes[4] = 2
        let version2 = try GGUFFile(data: bytes)
        #expect(version2.version == 2)
        #expect(version2.metadata == file.metadata)
        #expect(try version2.values(of: "q4_1.weight") == file.values(of: "q4_1.weight"))
    }

    @Test func everyTypeHasGGUFPysCodeAndBlockSizes() {
        #expect(GGMLType.allCases.count == reference.types.count)
        for expected in reference.types {
            let type = GGMLType(rawValue: expected.code)
            #expect(type?.name == expected.name)
            #expect(type?.blockSize == expected.blockSize, "\(expected.name)")
            #expect(type?.blockByteCount == expected.blockByteCount, "\(expected.name)")
        }
        #expect(GGMLType.allCases.filter(\.isDecodable) == [.f32, .f16, .q4_1, .q8_0, .f64, .bf16])
    }
}
