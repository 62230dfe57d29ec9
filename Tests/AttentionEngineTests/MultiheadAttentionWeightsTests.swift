import AttentionEngine
import AttentionTrace
import Foundation
import SafeTensors
import Testing
import TestSupport

/// A PyTorch `nn.MultiheadAttention` state dict traced as `multi-head` (issue 15), against the
/// module's own weights and output (`Fixtures/module/make_module_fixtures.py`, torch in float64).
@Suite struct MultiheadAttentionWeightsTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/module")

    struct Expected: Decodable {
        var weights: [[[Double]]]
        var output: [[Double]]
    }

    private func trace(_ name: String) throws -> (Trace, Expected) {
        let file = try SafeTensorsFile(contentsOf: Self.folder.appendingPathComponent("\(name).safetensors"))
        #expect(MultiheadAttentionWeights.recognizes(file))
        let weights = try MultiheadAttentionWeights(file, name: "\(name).safetensors")
        let x = Self.folder.appendingPathComponent("\(name)-x.json")
        let spec = try weights.spec(adding: try InputSpec(json: Data(contentsOf: x), file: x.path))
        let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: Self.folder.appendingPathComponent("\(name)-expected.json")))
        return (try AttentionTracer().trace(TraceRequest(spec: spec, recording: .full)), expected)
    }

    @Test(arguments: ["biased", "unbiased"])
    func theTraceAgreesWithTheModule(_ name: String) throws {
        let (trace, expected) = try trace(name)
        #expect(trace.variant == "multi-head")
        #expect(trace.options["bias"] == (name == "biased" ? "true" : "false"))
        let weights = try #require(trace.result["weights"]?.values)
        #expect(weights.shape == [expected.weights.count, 6, 6])
        #expect(maxAbsoluteDifference(weights.scalars, expected.weights.flatMap { $0.flatMap { $0 } }) <= 1e-12)
        let output = try #require(trace.result["output"]?.values)
        #expect(maxAbsoluteDifference(output.scalars, expected.output.flatMap { $0 }) <= 1e-12)
    }

    @Test func everyParameterNamesItsStateDictEntry() throws {
        let (trace, _) = try trace("biased")
        let notes = Dictionary(uniqueKeysWithValues: trace.steps.flatMap(\.tensors).filter { $0.provenance.operands.isEmpty }
            .map { ($0.id, $0.provenance.note ?? "") })
        #expect(notes["W_K"] == "state dict biased.safetensors, rows 6–11 of tensor 'in_proj_weight' transposed")
        #expect(notes["b_V"] == "state dict biased.safetensors, entries 12–17 of tensor 'in_proj_bias'")
        #expect(notes["W_O"] == "state dict biased.safetensors, tensor 'out_proj.weight' transposed")
        #expect(notes["X"] == "given in the input spec")
        #expect(trace.options["parameters"] == "checkpoint")
        #expect(trace.options["model"] == "state dict biased.safetensors (nn.MultiheadAttention)")
    }

    @Test func aSpecGivingAParameterTooAndAStateDictWithoutItsProjectionAreRefused() throws {
        let file = try SafeTensorsFile(contentsOf: Self.folder.appendingPathComponent("biased.safetensors"))
        let weights = try MultiheadAttentionWeights(file, name: "biased.safetensors")
        let spec = InputSpec(tensors: ["W_Q": Tensor(shape: [6, 6], scalars: Array(repeating: 0, count: 36))])
        #expect(throws: TraceError.modelWithGivenTensors(model: "biased.safetensors", tensors: ["W_Q"])) {
            try weights.spec(adding: spec)
        }
        let onlyOutput = try SafeTensorsFile(bytes: SafeTensorsWriter.encode(
            ["out_proj.weight": SafeTensor(shape: [2, 2], values: [1, 0, 0, 1])], as: .f64))
        #expect(!MultiheadAttentionWeights.recognizes(onlyOutput))
        #expect(throws: TraceError.unusableCheckpoint(model: "m", reason: "it has no 'in_proj_weight' (a module made with kdim or vdim stores q_proj_weight, k_proj_weight and v_proj_weight, which the trace does not read)")) {
            try MultiheadAttentionWeights(onlyOutput, name: "m")
        }
    }
}
