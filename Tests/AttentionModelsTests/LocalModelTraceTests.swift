import AttentionEngine
import AttentionMath
import AttentionModels
import AttentionTrace
@testable import AttentionTraining
import Foundation
import Testing

/// Tiny local-m and local-p models trained for a few epochs, traced by the engine's `local-m` and
/// `local-p` variants: the trace computes the trainer's forward pass, window and Gaussian included.
@Suite struct LocalModelTraceTests {
    static func trained(_ locality: ModelConfiguration.Locality, score: ModelConfiguration.Score = .general) throws
        -> (RNNSearch, ModelCheckpoint) {
        var configuration = TinyModel.configuration
        (configuration.score, configuration.locality, configuration.window, configuration.positionSize) = (score, locality, 1, 3)
        let (model, _, checkpoint) = try TinyModel.train(configuration, epochs: 10, seed: 5, name: "\(locality.rawValue).safetensors")
        return (model, checkpoint)
    }

    @Test(arguments: [(ModelConfiguration.Locality.monotonic, Variant.localM), (.predictive, .localP)])
    func theEngineTracesTheTrainersLocalAttention(_ locality: ModelConfiguration.Locality, _ variant: Variant) throws {
        let (model, checkpoint) = try Self.trained(locality)
        #expect(checkpoint.model.configuration.locality == locality && checkpoint.model.configuration.window == 1)
        for pair in TinyModel.pairs + TinyModel.heldOut {
            let trace = try AttentionTracer().trace(TraceRequest(variant: variant, source: pair.source.joined(separator: " "),
                                                                 target: pair.target.joined(separator: " "),
                                                                 parameters: .model(checkpoint)))
            let m = pair.target.count
            let expected = try model.attention(source: pair.source, target: pair.target).rows(0..<m)
            let weights = try #require(trace.result["weights"]?.scalars)
            #expect(zip(weights, expected.scalars).map { abs($0 - $1) }.max() ?? 1 <= 1e-12)
            #expect(trace.options["score"] == "general" && trace.options["window"] == "1")
            #expect(trace.steps.contains { $0.id == "t0.window" })
            #expect(trace.steps.contains { $0.id == "t0.position" } == (locality == .predictive))
            #expect(trace.steps.contains { $0.id == "t0.predict" })
        }
    }

    /// A local model is traced by its window's variant only, with its own score and D; options that
    /// contradict them are refused, as is guided alignment when training one.
    @Test func aLocalModelKeepsItsVariantScoreAndWindow() throws {
        let (_, checkpoint) = try Self.trained(.predictive)
        func trace(_ variant: Variant, _ options: MechanismOptions = MechanismOptions()) throws -> Trace {
            try AttentionTracer().trace(TraceRequest(variant: variant, source: "the black cat", target: "le chat noir",
                                                     parameters: .model(checkpoint), options: options))
        }
        #expect(throws: TraceError.modelNotApplicable(variant: "general", model: "local-p.safetensors",
                                                     attention: "the general score in a local-p window of D = 1", tracer: "local-p")) {
            try trace(Variant.general)
        }
        #expect(throws: TraceError.modelNotApplicable(variant: "local-m", model: "local-p.safetensors",
                                                     attention: "the general score in a local-p window of D = 1", tracer: "local-p")) {
            try trace(Variant.localM)
        }
        #expect(throws: TraceError.invalidOption(.window, value: "2", reason: "option 'window' is 2, but local-p.safetensors was trained with D = 1; leave the option out")) {
            try trace(Variant.localP, MechanismOptions(window: 2))
        }
        #expect(throws: TraceError.invalidOption(.score, value: "dot", reason: "option 'score' is dot, but local-p.safetensors was trained with the general score; leave the option out")) {
            try trace(Variant.localP, MechanismOptions(score: .dot))
        }
        #expect(try trace(Variant.localP, MechanismOptions(window: 1)).options["window"] == "1")
        var options = TrainingOptions(epochs: 1, batchSize: 2, learningRate: 0.01, optimizer: .adam, seed: 1, alignmentWeight: 0.5,
                                      configuration: checkpoint.model.configuration)
        #expect(throws: TrainingError.self) { try options.validate() }
        options.alignmentWeight = 0
        options.configuration.window = 0
        #expect(throws: TrainingError.invalidOption(name: "window", value: "0",
                                                    reason: "local-p needs a window of at least 1: its Gaussian has σ = D/2, which must be positive")) {
            try options.validate()
        }
    }
}
