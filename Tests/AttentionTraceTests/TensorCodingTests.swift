import AttentionTrace
import TestSupport
import Foundation
import Testing

@Suite struct TensorCodingTests {
    func decode(_ json: String) throws -> Tensor {
        try JSONDecoder().decode(Tensor.self, from: Data(json.utf8))
    }

    @Test func nestedArraysGiveTheShape() throws {
        #expect(try decode("[[1, 2, 3], [4, 5, 6]]") == Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6]))
        #expect(try decode("[0.5, -1]") == Tensor(vector: [0.5, -1]))
        let cube = try decode("[[[1], [2]], [[3], [4]], [[5], [6]]]")
        #expect(cube.shape == [3, 2, 1])
        #expect(cube[[2, 1, 0]] == 6)
    }

    @Test func nullIsAMaskedEntryBothWays() throws {
        let tensor = try decode("[[1, null]]")
        #expect(tensor.scalars == [1, -.infinity])
        let text = String(decoding: try JSONEncoder().encode(tensor), as: UTF8.self)
        #expect(text == "[[1,null]]")
    }

    @Test func raggedArraysAreRefused() {
        #expect(throws: DecodingError.self) { try decode("[[1, 2], [3]]") }
        #expect(throws: DecodingError.self) { try decode("[[1, 2], 3]") }
        #expect(throws: DecodingError.self) { try decode("[[1, \"a\"]]") }
    }

    @Test func numbersRoundTripExactly() throws {
        let values = [0.1, 1.0 / 3.0, -2.5e-300, 123456789.123456789, Double.ulpOfOne]
        let decoded = try decode(String(decoding: try JSONEncoder().encode(Tensor(vector: values)), as: UTF8.self))
        #expect(decoded.scalars == values)
    }

    @Test func matrixIndexingReadsAVectorAsOneRow() {
        let vector = Tensor(vector: [7, 8, 9])
        #expect(vector.rowCount == 1 && vector.columnCount == 3)
        #expect(vector[0, 2] == 9)
        #expect(Tensor(rows: [[1, 2], [3, 4]])[1, 0] == 3)
    }

    @Test func axesLabelByTokenOrByIndex() {
        #expect(Axis(name: "source", labels: ["le", "chat"]).label(1) == "chat")
        #expect(Axis(name: "dimension").label(3) == "3")
    }

    @Test func aTraceDecodesToAnEqualValue() throws {
        let tensor = TracedTensor(id: "t0.score.e", symbol: "e", description: "scores",
                                  axes: [Axis(name: "target", labels: ["the"]), Axis(name: "source", labels: ["le", "chat"])],
                                  values: Tensor(rows: [[0.25, -.infinity]]),
                                  provenance: Provenance(.matmulTransposed, ["s", "keys"]))
        let trace = Trace(variant: "dot", sourceTokens: ["le", "chat"], targetTokens: ["the"], options: ["seed": "1"],
                          inputs: ["keys": Tensor(rows: [[1], [2]])],
                          steps: [Step(id: "t0.score", title: "Score", explanation: "x", formulas: ["e_i = s · h_i"], tensors: [tensor])],
                          warnings: ["w"], result: ["weights": .numbers(Tensor(rows: [[1, 0]]), sources: ["t0.score.e"],
                                                                        axes: tensor.axes)])
        let decoded = try JSONDecoder().decode(Trace.self, from: try JSONEncoder().encode(trace))
        #expect(decoded == trace)
        #expect(decoded.tensor("t0.score.e")?.provenance.operands == ["s", "keys"])
        #expect(decoded.tensor("missing") == nil)
    }
}
