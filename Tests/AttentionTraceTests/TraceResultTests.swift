import AttentionTrace
import Foundation
import Testing

@Suite struct TraceResultTests {
    static let axes = [Axis(name: "target", labels: ["the"]), Axis(name: "source", labels: ["le", "zoo"])]

    @Test func aResultRoundTripsWithItsSourcesAxesAndValuesOrSummary() throws {
        let values = Tensor(rows: [[0.25, 0.75]])
        for recorded in [RecordedValues.full(values), .summary(TensorSummary(values))] {
            let result = TraceResult(sources: ["alignment.weights"], axes: Self.axes, recorded: recorded)
            let json = try JSONEncoder().encode(result)
            #expect(try JSONDecoder().decode(TraceResult.self, from: json) == result)
            let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
            #expect(Set(object.keys) == ["sources", "axes", result.values != nil ? "values" : "summary"])
        }
    }

    @Test(arguments: [
        #"{"sources":[],"axes":[{"name":"a"}],"values":[1],"summary":{"shape":[1],"slices":[]}}"#,
        #"{"sources":[],"axes":[{"name":"a"}]}"#,
        #"{"sources":[],"axes":[{"name":"a"},{"name":"b"}],"values":[1]}"#,
    ])
    func aResultWithBothNeitherOrMisfittingAxesIsRefused(json: String) {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(TraceResult.self, from: Data(json.utf8)) }
    }

    @Test func aSummarisedStepTensorKeepsItsPlaceAndHasNoValues() throws {
        let values = Tensor(rows: [[1, 2], [3, 4]])
        let tensor = TracedTensor(id: "s.x", symbol: "x", description: "x", axes: [Axis(name: "r"), Axis(name: "c")],
                                  recorded: .summary(TensorSummary(values)), provenance: Provenance(.given))
        #expect(tensor.values == nil && tensor.summary == TensorSummary(values) && tensor.shape == [2, 2])
        let decoded = try JSONDecoder().decode(TracedTensor.self, from: JSONEncoder().encode(tensor))
        #expect(decoded == tensor)
    }

    /// `weights` by name and `result.weights` are the same result, with its axes; labels name positions.
    @Test func aTensorByTheNameAStudentWrites() throws {
        let trace = Trace(variant: "dot", inputs: [:], steps: [], result: [
            "weights": TraceResult(sources: [], axes: Self.axes, recorded: .full(Tensor(rows: [[0.25, 0.75]]))),
        ])
        let weights = try #require(trace.namedTensor("weights"))
        #expect(weights.id == "result.weights" && trace.namedTensor("result.weights")?.id == "result.weights")
        #expect(weights.axes[1].position(ofLabel: "zoo") == 1 && weights.axes[1].position(ofLabel: "hier") == nil)
        #expect(trace.namedTensor("wieghts") == nil)
    }
}
