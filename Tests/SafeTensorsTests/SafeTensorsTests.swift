import Foundation
import SafeTensors
import Testing

@Suite struct SafeTensorsTests {
    static func fixture(_ name: String) throws -> URL {
        try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: "safetensors"))
    }

    /// A file written by Python's `safetensors` (see `Fixtures/make_reference.py`): every dtype's values, the scalar, the metadata.
    @Test func readsTheReferenceFileWrittenByPython() throws {
        let file = try SafeTensorsFile(contentsOf: Self.fixture("reference"))
        #expect(file.names == ["bias", "half", "scalar", "weight"])
        #expect(file.metadata == ["vocabulary": "[\"⟨s⟩\",\"l'\"]", "note": "tiny"])
        let weight = try file.tensor(named: "weight")
        #expect(weight.shape == [2, 3])
        #expect(weight.values == [1.5, -2.25, 3.0, 0.1, 1e-8, -7.5].map { Double(Float($0)) })
        #expect(file.entries["weight"]?.dtype == .f32)
        #expect(try file.tensor(named: "bias") == SafeTensor(shape: [2], values: [0.125, -0.5]))
        #expect(try file.tensor(named: "half") == SafeTensor(shape: [4], values: [1.0, -0.5, 65504.0, 6.103515625e-05]))
        #expect(try file.tensor(named: "scalar") == SafeTensor(shape: [], values: [2.5]))
    }

    /// The writer lays a file out byte for byte as Python's `safetensors` does.
    @Test func writesTheSameBytesAsPython() throws {
        let expected = try Data(contentsOf: Self.fixture("writer-reference"))
        let written = try SafeTensorsWriter.encode([
            "b": SafeTensor(shape: [2], values: [0.5, -1.0]),
            "a.W": SafeTensor(shape: [2, 2], values: [1.0, 2.0, 3.0, 4.25]),
        ], as: .f32, metadata: ["sizes": "{\"d\":2}"])
        #expect(written == expected)
    }

    /// Some rows of a matrix, in the order asked, repeated rows included: the rows of the whole tensor.
    @Test func readsChosenRowsOfAMatrix() throws {
        let file = try SafeTensorsFile(contentsOf: Self.fixture("reference"))
        let weight = try file.tensor(named: "weight").values
        #expect(try file.values(of: "weight", rows: [1, 0, 1]) == Array(weight[3..<6] + weight[0..<3] + weight[3..<6]))
        #expect(try file.values(of: "weight", rows: []) == [])
    }

    @Test func roundTripsDoublesExactly() throws {
        let tensors = [
            "x": SafeTensor(shape: [3, 1], values: [.pi, -0.0, 1e-300]),
            "empty": SafeTensor(shape: [0, 4], values: []),
            "quote\"name": SafeTensor(shape: [1], values: [.infinity]),
        ]
        let metadata = ["k": "line\nbreak \"quoted\" \\ ⟨/s⟩ \u{1}"]
        let file = try SafeTensorsFile(bytes: SafeTensorsWriter.encode(tensors, as: .f64, metadata: metadata))
        #expect(file.metadata == metadata)
        for (name, tensor) in tensors { #expect(try file.tensor(named: name) == tensor) }
    }

    @Test func readsBFloat16() throws {
        // 1.0 is 0x3F80 and −2.5 is 0xC020 in bfloat16.
        let file = try SafeTensorsFile(bytes: Self.file(header: #"{"t":{"dtype":"BF16","shape":[2],"data_offsets":[0,4]}}"#,
                                                        data: [0x80, 0x3F, 0x20, 0xC0]))
        #expect(try file.tensor(named: "t").values == [1.0, -2.5])
    }

    @Test func missingTensorNamesTheOnesThereAre() throws {
        let file = try SafeTensorsFile(bytes: SafeTensorsWriter.encode(["a": SafeTensor(shape: [1], values: [1])], as: .f32))
        #expect(throws: SafeTensorsError.missingTensor("b", available: ["a"])) { try file.tensor(named: "b") }
    }

    @Test func refusesToWriteValuesThatDoNotFillTheShape() {
        #expect(throws: SafeTensorsError.invalidTensor(name: "a", reason: "shape [2, 2] holds 4 values, given 3")) {
            try SafeTensorsWriter.encode(["a": SafeTensor(shape: [2, 2], values: [1, 2, 3])], as: .f64)
        }
    }

    // MARK: - Malformed files

    static func file(header: String, data: [UInt8]) -> Data {
        var bytes = Data()
        withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: Array(header.utf8))
        bytes.append(contentsOf: data)
        return bytes
    }

    static let eightBytes = [UInt8](repeating: 0, count: 8)

    @Test func truncatedHeader() {
        #expect(throws: SafeTensorsError.truncatedHeader(announced: 0, available: 5)) {
            try SafeTensorsFile(bytes: Data([1, 2, 3, 4, 5]))
        }
        var bytes = Self.file(header: #"{"a":{"dtype":"F64","shape":[1],"data_offsets":[0,8]}}"#, data: Self.eightBytes)
        bytes = bytes.prefix(30)
        #expect(throws: SafeTensorsError.truncatedHeader(announced: 54, available: 30)) { try SafeTensorsFile(bytes: bytes) }
    }

    @Test(arguments: [
        (#"[1, 2]"#, "it does not start with '{'"),
        (#"{"a": "#, "it is not valid JSON"),
        (#"{"a": 3}"#, "tensor 'a' is not an object"),
        (#"{"a":{"shape":[1],"data_offsets":[0,8]}}"#, "tensor 'a' has no string 'dtype'"),
        (#"{"a":{"dtype":"F64","shape":[-1],"data_offsets":[0,8]}}"#, "tensor 'a' has no 'shape' of non-negative integers"),
        (#"{"a":{"dtype":"F64","shape":[1],"data_offsets":[0]}}"#, "tensor 'a' has no 'data_offsets' of two non-negative integers"),
        (#"{"__metadata__":{"k":1},"a":{"dtype":"F64","shape":[1],"data_offsets":[0,8]}}"#, "'__metadata__' value 'k' is not a string"),
    ])
    func malformedHeader(header: String, reason: String) {
        #expect(throws: SafeTensorsError.malformedHeader(reason)) {
            try SafeTensorsFile(bytes: Self.file(header: header, data: Self.eightBytes))
        }
    }

    /// Integer buffers, as Hugging Face checkpoints store BERT's `position_ids`: little-endian two's complement.
    @Test func readsSignedIntegers() throws {
        let data: [UInt8] = [0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF]
        let header = #"{"a":{"dtype":"I64","shape":[1],"data_offsets":[0,8]},"b":{"dtype":"I32","shape":[2],"data_offsets":[8,16]}}"#
        let file = try SafeTensorsFile(bytes: Self.file(header: header, data: data))
        #expect(try file.tensor(named: "a") == SafeTensor(shape: [1], values: [-2]))
        #expect(try file.tensor(named: "b") == SafeTensor(shape: [2], values: [7, -1]))
    }

    @Test func unknownDType() {
        #expect(throws: SafeTensorsError.unknownDType(tensor: "a", dtype: "U64")) {
            try SafeTensorsFile(bytes: Self.file(header: #"{"a":{"dtype":"U64","shape":[1],"data_offsets":[0,8]}}"#,
                                                 data: Self.eightBytes))
        }
    }

    @Test func shapeDisagreeingWithByteCount() {
        #expect(throws: SafeTensorsError.shapeMismatch(tensor: "a", shape: [3], dtype: "F32", expectedBytes: 12, foundBytes: 8)) {
            try SafeTensorsFile(bytes: Self.file(header: #"{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#,
                                                 data: Self.eightBytes))
        }
    }

    @Test func offsetsPastTheEnd() {
        #expect(throws: SafeTensorsError.offsetsPastEnd(tensor: "a", end: 16, dataSize: 8)) {
            try SafeTensorsFile(bytes: Self.file(header: #"{"a":{"dtype":"F64","shape":[2],"data_offsets":[0,16]}}"#,
                                                 data: Self.eightBytes))
        }
    }

    @Test func overlappingOffsets() {
        let header = #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#
        #expect(throws: SafeTensorsError.overlappingOffsets(tensor: "b", other: "a")) {
            try SafeTensorsFile(bytes: Self.file(header: header, data: Self.eightBytes))
        }
        let reversed = #"{"a":{"dtype":"F32","shape":[0],"data_offsets":[8,0]}}"#
        #expect(throws: SafeTensorsError.overlappingOffsets(tensor: "a", other: "a")) {
            try SafeTensorsFile(bytes: Self.file(header: reversed, data: Self.eightBytes))
        }
    }

    @Test func bytesThatBelongToNoTensor() {
        #expect(throws: SafeTensorsError.uncoveredBytes(start: 0, end: 4)) {
            try SafeTensorsFile(bytes: Self.file(header: #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#,
                                                 data: Self.eightBytes))
        }
        #expect(throws: SafeTensorsError.uncoveredBytes(start: 4, end: 8)) {
            try SafeTensorsFile(bytes: Self.file(header: #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#,
                                                 data: Self.eightBytes))
        }
    }

    @Test func errorsReadAsOneLine() {
        let error = SafeTensorsError.shapeMismatch(tensor: "W_a", shape: [2, 3], dtype: "F32", expectedBytes: 24, foundBytes: 20)
        #expect(error.description == "tensor 'W_a' of shape [2, 3] and dtype F32 needs 24 bytes, but its offsets span 20")
    }
}
