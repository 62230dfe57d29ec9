import AttentionEngine
import AttentionMath
import AttentionModels
import AttentionRendering
import AttentionTrace
@testable import AttentionTraining
import Foundation
import SafeTensors
import Testing

/// A hand-written sentence pair for training a tiny model.
struct Pair: AlignedSentencePair {
    var source: [String]
    var target: [String]
    var alignment: [[Int]]
}

/// A tiny RNNsearch trained for a few epochs and written as a checkpoint, as `train` would.
enum TinyModel {
    static let pairs = [
        Pair(source: ["the", "black", "cat"], target: ["le", "chat", "noir"], alignment: [[0], [2], [1]]),
        Pair(source: ["the", "white", "cat"], target: ["le", "chat", "blanc"], alignment: [[0], [2], [1]]),
        Pair(source: ["the", "black", "dog"], target: ["le", "chien", "noir"], alignment: [[0], [2], [1]]),
        Pair(source: ["the", "dog"], target: ["le", "chien"], alignment: [[0], [1]]),
        Pair(source: ["the", "cat", "sleeps"], target: ["le", "chat", "dort"], alignment: [[0], [1], [2]]),
    ]
    static let heldOut = [Pair(source: ["the", "white", "dog"], target: ["le", "chien", "blanc"], alignment: [[0], [2], [1]])]
    static let configuration = ModelConfiguration(embeddingSize: 6, encoderSize: 5, decoderSize: 7,
                                                  attentionSize: 4, readoutSize: 9)

    /// The trained model, its record and its checkpoint as the engine reads it.
    static let trained: Result<(RNNSearch, TrainingRecord, ModelCheckpoint), any Error> = Result {
        try train(configuration, epochs: 25, seed: 11, name: "tiny.safetensors")
    }

    /// A model of `configuration` trained on ``pairs`` for `epochs` from `seed`, with its record and
    /// its checkpoint, called `name`, as the engine reads it.
    static func train(_ configuration: ModelConfiguration, epochs: Int, seed: UInt64,
                      name: String) throws -> (RNNSearch, TrainingRecord, ModelCheckpoint) {
        let options = TrainingOptions(epochs: epochs, batchSize: 2, learningRate: 0.02, optimizer: .adam, seed: seed,
                                      configuration: configuration)
        var trainer = try Trainer(options: options, training: pairs, heldOut: heldOut)
        try trainer.run(progress: { _ in }, epochEnded: { _, _ in })
        let bytes = try Checkpoint.encode(trainer.model, record: trainer.record)
        return (trainer.model, trainer.record, try ModelCheckpoint(bytes: bytes, name: name))
    }

    static func trace(_ source: String, _ target: String? = nil, variant: Variant = .additive) throws -> Trace {
        let (_, _, checkpoint) = try trained.get()
        return try AttentionTracer().trace(TraceRequest(variant: variant, source: source, target: target,
                                                        parameters: .model(checkpoint)))
    }
}

/// The engine's trace of a trained model computes exactly what the trainer's forward pass does.
@Suite struct RNNSearchTraceTests {
    static let tolerance = 1e-12

    static func maximumDifference(_ a: [Double], _ b: [Double]) -> Double {
        #expect(a.count == b.count)
        return zip(a, b).map { abs($0 - $1) }.max() ?? 0
    }

    @Test func teacherForcedWeightsAndProbabilitiesEqualTheTrainersForwardPass() throws {
        let (model, _, _) = try TinyModel.trained.get()
        for pair in TinyModel.pairs + TinyModel.heldOut {
            let trace = try TinyModel.trace(pair.source.joined(separator: " "), pair.target.joined(separator: " "))
            let m = pair.target.count, n = pair.source.count
            let indexed = try model.indices(source: pair.source, target: pair.target)
            let pass = ForwardPass(model.parameters, model.batch([indexed]))
            let weights = Matrix.stacking(pass.steps.map(\.attention.weights)).rows(0..<m)
            let probabilities = pass.probabilities.rows(0..<m)
            #expect(trace.result["weights"]?.shape == [m, n])
            #expect(trace.result["probabilities"]?.shape == [m, model.targetVocabulary.count])
            #expect(Self.maximumDifference(trace.result["weights"]?.scalars ?? [], weights.scalars) <= Self.tolerance)
            #expect(Self.maximumDifference(trace.result["probabilities"]?.scalars ?? [], probabilities.scalars) <= Self.tolerance)
            let contexts = Matrix.stacking(pass.steps.map(\.attention.context)).rows(0..<m)
            #expect(Self.maximumDifference(trace.result["context"]?.scalars ?? [], contexts.scalars) <= Self.tolerance)
        }
    }

    @Test func translationEqualsTheTrainersGreedyDecoding() throws {
        let (model, _, _) = try TinyModel.trained.get()
        for pair in TinyModel.pairs + TinyModel.heldOut {
            let translation = try model.translate(pair.source)
            let trace = try TinyModel.trace(pair.source.joined(separator: " "))
            let ended = translation.attention.rows > translation.words.count
            #expect(trace.targetTokens == translation.words + (ended ? [Vocabulary.end] : []))
            #expect(Self.maximumDifference(trace.result["weights"]?.scalars ?? [], translation.attention.scalars) <= Self.tolerance)
        }
    }

    @Test func aTrainedTinyModelTranslatesWhatItLearned() throws {
        let trace = try TinyModel.trace("the black cat")
        #expect(trace.targetTokens == ["le", "chat", "noir", "⟨/s⟩"])
        #expect(trace.steps.first { $0.id == "t2.predict" }?.title == "Predict the word: noir")
        #expect(trace.steps.contains { $0.group == "Translation, word 3: noir" })
    }

    @Test func theTraceKeepsTheAdditiveStepsAndAddsTheDecoderAndThePrediction() throws {
        let trace = try TinyModel.trace("the black cat", "le chat noir")
        let ids = trace.steps.map(\.id)
        #expect(Array(ids.prefix(5)) == ["encode.embed", "encode.forward", "encode.backward", "encode.annotations", "encode.decoder"])
        for t in 0..<3 {
            #expect(ids.filter { $0.hasPrefix("t\(t).") } == ["concatenate", "score", "normalise", "weighted-sum", "decode", "predict"].map { "t\(t).\($0)" })
        }
        #expect(ids.last == "alignment")
        for id in ["keys", "encode.decoder.initial", "t1.concatenate.s", "t1.normalise.weights", "t1.weighted-sum.context",
                   "t1.decode.s", "t1.predict.p", "alignment.weights", "alignment.probabilities", "W_a", "v_a", "readout.W_y"] {
            #expect(trace.tensor(id) != nil, "no tensor \(id)")
        }
        // The query for word t is the state the decoder step of word t − 1 computed.
        #expect(trace.tensor("t2.concatenate.s")?.provenance.operands == ["t1.decode.s"])
        #expect(trace.tensor("t0.concatenate.s")?.provenance.operands == ["encode.decoder.initial"])
        let predict = try #require(trace.steps.first { $0.id == "t1.predict" })
        #expect(predict.title == "Predict the word: chat")
        #expect(predict.explanation.contains("The target word “chat” has probability "))
    }

    @Test func everyParameterSaysWhichCheckpointItCameFrom() throws {
        let (_, record, _) = try TinyModel.trained.get()
        let trace = try TinyModel.trace("the dog", "le chien")
        let heldOut = try #require(record.epochs.last?.heldOutLoss)
        #expect(trace.options["parameters"] == "model:tiny.safetensors")
        #expect(trace.options["model"] == "checkpoint tiny.safetensors (trained by attention-trace train, 25 epochs, held-out loss \((heldOut * 10_000).rounded() / 10_000))")
        #expect(trace.options["seed"] == nil)
        let wa = try #require(trace.tensor("W_a"))
        #expect(wa.provenance.note == "\(trace.options["model"] ?? ""), tensor 'W_a'")
        let embedding = try #require(trace.tensor("encode.embed.x")?.provenance)
        #expect(embedding.operation == .given)
        #expect(embedding.note?.hasSuffix("), the rows of tensor 'encoder.embedding' for “the” (4), “dog” (2)") == true, "\(embedding.note ?? "")")
    }

    @Test func thePageSaysTheParametersAreTrainedAndWhere() throws {
        let trace = try TinyModel.trace("the dog", "le chien")
        let origin = try #require(trace.parameterOrigin)
        #expect(origin.hasPrefix("The parameters are trained: "), "\(origin)")
        #expect(origin.hasSuffix(" read from the \(trace.options["model"] ?? "?")."), "\(origin)")
    }

    @Test func theSummaryReadsTheTrainersRecord() throws {
        let (_, record, checkpoint) = try TinyModel.trained.get()
        #expect(checkpoint.training?.epochs.map(\.epoch) == record.epochs.map(\.epoch))
        #expect(checkpoint.training?.heldOutLoss == record.epochs.last?.heldOutLoss)
    }

    @Test func aWordOutsideTheVocabularyIsNamedWithTheClosestKnownWords() throws {
        #expect(throws: TraceError.unknownWord("cats", side: "source", model: "tiny.safetensors", suggestions: ["cat"])) {
            try TinyModel.trace("the black cats", "le chat noir")
        }
        #expect(throws: TraceError.unknownWord("chats", side: "target", model: "tiny.safetensors", suggestions: ["chat"])) {
            try TinyModel.trace("the black cat", "le chats noir")
        }
        let message = TraceError.unknownWord("cats", side: "source", model: "tiny.safetensors", suggestions: ["cat"]).description
        #expect(message == "the source word 'cats' is not in the vocabulary of the model tiny.safetensors; closest known: 'cat'; ask for seeded parameters to trace any words")
    }

    @Test func onlyAdditiveTracesTheModelAndNeverBesideGivenTensors() throws {
        let (_, _, checkpoint) = try TinyModel.trained.get()
        #expect(throws: TraceError.modelNotApplicable(variant: "dot", model: "tiny.safetensors", attention: "the additive score", tracer: "additive")) {
            try TinyModel.trace("the dog", "le chien", variant: .dot)
        }
        let spec = InputSpec(tensors: ["query": Tensor(rows: [[1, 0]]), "keys": Tensor(rows: [[1, 0], [0, 1]])])
        #expect(throws: TraceError.modelWithGivenTensors(model: "tiny.safetensors", tensors: ["keys", "query"])) {
            try AttentionTracer().trace(TraceRequest(variant: .additive, spec: spec, parameters: .model(checkpoint)))
        }
    }

    @Test func aTranslationsSizeIsEstimatedForItsLengthBound() throws {
        let (_, _, checkpoint) = try TinyModel.trained.get()
        let source = Array(repeating: "the black cat", count: 100).joined(separator: " ")
        let request = TraceRequest(variant: .additive, source: source, parameters: .model(checkpoint), memoryLimit: 10_000_000)
        do {
            _ = try AttentionTracer().trace(request)
            Issue.record("a 300-word translation fitted in 10 MB")
        } catch .tooLarge(let estimate, _) {
            #expect(estimate.dimensions == "n = 300 source and m = 605 target positions, width 10")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func seededParametersAreStillTheSeedsWhenAsked() throws {
        let seeded = try AttentionTracer().trace(TraceRequest(variant: .additive, source: "the black cat", target: "le chat noir",
                                                              parameters: .seeded))
        #expect(seeded.options["parameters"] == "seeded")
        #expect(seeded.options["seed"] == "42")
        #expect(seeded.result["probabilities"] == nil)
        #expect(seeded.tensor("keys")?.values?.shape == [3, 8])
    }
}
