import AttentionMath
import AttentionModels
@testable import AttentionTraining
import Foundation
import SafeTensors
import Testing

/// One Adam step against an independent implementation of the same equations: NumPy, one
/// sentence at a time, gradients by `autograd` (`Sources/AttentionBench/rnnsearch_reference.py`,
/// fixtures written by `Fixtures/make_step_fixture.py`).
@Suite struct ReferenceStepTests {
    static func checkpoint(_ name: String) throws -> SafeTensorsFile {
        try SafeTensorsFile(contentsOf: #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: "safetensors")))
    }

    @Test func oneAdamStepMatchesTheNumPyReference() throws {
        let initial = try Checkpoint.decode(Self.checkpoint("step-initial")).model
        let expectedFile = try Self.checkpoint("step-adam")
        let expected = try Checkpoint.decode(expectedFile).model
        let learningRate = try #require(expectedFile.metadata["learning_rate"].flatMap(Double.init))
        let referenceLoss = try #require(expectedFile.metadata["loss"].flatMap(Double.init))

        let batch = initial.batch(try TinyCorpus.training.map { try initial.indices(source: $0.source, target: $0.target) })
        let pass = ForwardPass(initial.parameters, batch)
        #expect(abs(pass.loss - referenceLoss) <= 1e-12 * referenceLoss)

        var parameters = initial.parameters
        var optimizer = Optimizer(kind: .adam, learningRate: learningRate)
        optimizer.update(&parameters, with: pass.gradient(initial.parameters))
        for field in ModelParameters.fields(for: .additive) {
            let difference = maxDifference(parameters[keyPath: field.path], expected.parameters[keyPath: field.path])
            #expect(difference <= 1e-9 * learningRate, "\(field.name): \(difference)")
        }
    }

    private func maxDifference(_ a: Matrix, _ b: Matrix) -> Double {
        zip(a.scalars, b.scalars).map { abs($0 - $1) }.max() ?? 0
    }
}
