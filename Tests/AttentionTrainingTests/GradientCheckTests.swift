import AttentionMath
import AttentionModels
@testable import AttentionTraining
import Testing
import TestSupport

/// Every parameter's hand-derived gradient against central finite differences, in float64,
/// on a tiny model of each score and a padded batch of three sentence pairs, for the cross-entropy
/// plus guided alignment (so both terms of the objective are checked).
@Suite struct GradientCheckTests {
    /// A tiny model with `score`; the dot score needs d_s = 2 d_enc = 4.
    static func configuration(_ score: ModelConfiguration.Score) -> ModelConfiguration {
        ModelConfiguration(embeddingSize: 3, encoderSize: 2, decoderSize: score == .dot ? 4 : 3, attentionSize: 2, readoutSize: 3,
                           score: score)
    }

    /// Every parameter of every score, as `score:name`.
    static let cases = ModelConfiguration.Score.allCases.flatMap { score in
        ModelParameters.fields(for: score).map { "\(score.rawValue):\($0.name)" }
    }

    /// Three pairs of different lengths on both sides, so padding and masks are exercised,
    /// with a repeated word so that embedding gradients accumulate, and gold alignments with
    /// one, two and no positions.
    static func batch() -> Batch {
        Batch(sources: [[0, 1, 2], [2, 0], [1]], targets: [[2, 3], [4, 2, 3, 2], [3]],
              alignments: [[[0], [1, 2]], [[1], [], [0], [0, 1]], [[0]]], start: 0, end: 1)
    }

    static let alignmentWeight = 0.7

    static func parameters(_ score: ModelConfiguration.Score) -> ModelParameters {
        var parameters = ModelParameters(initialisedFor: configuration(score), sourceWords: 3, targetWords: 5, seed: 11)
        // Non-zero biases, so that their gradients and their effect on everything else are checked.
        parameters.readoutBias = Matrix(row: [0.3, -0.2, 0.1])
        parameters.outputBias = Matrix(row: [0.1, -0.3, 0.2, 0.05, -0.1])
        // Larger weights than Glorot's, so that gates and tanh leave their linear range.
        for field in parameters.fields { parameters[keyPath: field.path] = parameters[keyPath: field.path].scaled(by: 2.5) }
        return parameters
    }

    /// The largest relative error of `field`'s gradient against central differences of the objective.
    static func worstRelativeError(of field: ModelParameters.Field, _ parameters: ModelParameters, alignmentWeight: Double) -> Double {
        let batch = Self.batch()
        let analytic = ForwardPass(parameters, batch, alignmentWeight: alignmentWeight).gradient(parameters)[keyPath: field.path]
        let step = 1e-5
        var worst = 0.0
        for k in analytic.scalars.indices {
            var plus = parameters, minus = parameters
            var entryPlus = plus[keyPath: field.path], entryMinus = minus[keyPath: field.path]
            let (i, j) = (k / entryPlus.columns, k % entryPlus.columns)
            entryPlus[i, j] += step
            entryMinus[i, j] -= step
            plus[keyPath: field.path] = entryPlus
            minus[keyPath: field.path] = entryMinus
            let numeric = (ForwardPass(plus, batch, alignmentWeight: alignmentWeight).objective
                           - ForwardPass(minus, batch, alignmentWeight: alignmentWeight).objective) / (2 * step)
            let scale = max(abs(numeric), abs(analytic.scalars[k]), 1e-3)
            worst = max(worst, abs(numeric - analytic.scalars[k]) / scale)
        }
        return worst
    }

    @Test(arguments: cases)
    func gradientMatchesCentralDifferences(of scoreAndName: String) throws {
        let parts = scoreAndName.split(separator: ":", maxSplits: 1).map(String.init)
        let score = try #require(ModelConfiguration.Score(rawValue: parts[0])), name = parts[1]
        let field = try #require(ModelParameters.fields(for: score).first { $0.name == name })
        let worst = Self.worstRelativeError(of: field, Self.parameters(score), alignmentWeight: Self.alignmentWeight)
        #expect(worst <= 1e-6, "\(name): worst relative error \(worst)")
    }

    /// A tiny local model: D = 1, so that windows cut the short sentences and local-m's run past
    /// the end of the one-word source; local-p's predictor is 2 wide.
    static func localParameters(_ locality: ModelConfiguration.Locality, _ score: ModelConfiguration.Score) -> ModelParameters {
        var configuration = configuration(score)
        (configuration.locality, configuration.window, configuration.positionSize) = (locality, 1, 2)
        var parameters = ModelParameters(initialisedFor: configuration, sourceWords: 3, targetWords: 5, seed: 13)
        parameters.readoutBias = Matrix(row: [0.3, -0.2, 0.1])
        for field in parameters.fields { parameters[keyPath: field.path] = parameters[keyPath: field.path].scaled(by: 2.5) }
        return parameters
    }

    /// Every parameter of local-m and local-p with the general and additive scores, as `locality:score:name`
    /// (the cross-entropy alone: guided alignment is refused for local attention).
    static let localCases = [ModelConfiguration.Locality.monotonic, .predictive].flatMap { locality in
        [ModelConfiguration.Score.general, .additive].flatMap { score in
            ModelParameters.fields(for: score, locality: locality).map { "\(locality.rawValue):\(score.rawValue):\($0.name)" }
        }
    }

    @Test(arguments: localCases)
    func aLocalWindowsGradientMatchesCentralDifferences(of localityScoreAndName: String) throws {
        let parts = localityScoreAndName.split(separator: ":", maxSplits: 2).map(String.init)
        let locality = try #require(ModelConfiguration.Locality(rawValue: parts[0]))
        let score = try #require(ModelConfiguration.Score(rawValue: parts[1])), name = parts[2]
        let parameters = Self.localParameters(locality, score)
        let field = try #require(parameters.fields.first { $0.name == name })
        let worst = Self.worstRelativeError(of: field, parameters, alignmentWeight: 0)
        #expect(worst <= 1e-6, "\(localityScoreAndName): worst relative error \(worst)")
        if name == "W_p" || name == "v_p" {
            let gradient = ForwardPass(parameters, Self.batch()).gradient(parameters)[keyPath: field.path]
            #expect(gradient.scalars.contains { abs($0) > 1e-6 }, "the centre reaches the loss")
        }
    }

    /// What the windows do: local-m keeps |i − t| ≤ D and gives a row past the end of the source no
    /// weight at all; local-p's weights are the window softmax times the Gaussian, so they sum to less than 1.
    @Test func localWindowsKeepOnlyTheirPositions() {
        let batch = Self.batch()
        let monotonic = ForwardPass(Self.localParameters(.monotonic, .general), batch)
        // Sentence 1 has two source words; at t = 0 it sees positions 0 and 1, at t = 3 (past 1 + D) nothing.
        #expect(monotonic.steps[0].attention.weights[1, 0] > 0 && monotonic.steps[0].attention.weights[1, 1] > 0)
        #expect((0..<3).allSatisfy { monotonic.steps[3].attention.weights[1, $0] == 0 })
        #expect(monotonic.steps[3].attention.context.rows(1..<2).scalars.allSatisfy { $0 == 0 })
        // Sentence 0 (three words) at t = 0 sees only positions 0 and 1.
        #expect(monotonic.steps[0].attention.weights[0, 2] == 0)
        let predictive = ForwardPass(Self.localParameters(.predictive, .general), batch)
        for step in predictive.steps {
            let centre = step.attention.centres[0]
            #expect(centre > 0 && centre < 3, "p_t = n σ(…) lies in (0, n)")
            let total = (0..<3).reduce(0) { $0 + step.attention.weights[0, $1] }
            #expect(total > 0 && total < 1)
        }
    }

    @Test(arguments: ModelConfiguration.Score.allCases)
    func gradientsAreNotAllZero(_ score: ModelConfiguration.Score) {
        let batch = Self.batch(), parameters = Self.parameters(score)
        let pass = ForwardPass(parameters, batch, alignmentWeight: Self.alignmentWeight)
        #expect(pass.alignmentLoss > 0 && pass.objective > pass.loss)
        let gradient = pass.gradient(parameters)
        for field in parameters.fields {
            #expect(gradient[keyPath: field.path].scalars.contains { abs($0) > 1e-6 }, "\(score): \(field.name) has a zero gradient")
        }
    }

    /// The general score with W_a = I is the dot score: the same loss and the same gradients elsewhere.
    @Test func theGeneralScoreWithTheIdentityIsTheDotScore() {
        var general = Self.parameters(.dot)
        general.score = .general
        general.scoreWeights = Matrix.identity(4)
        let dot = Self.parameters(.dot), batch = Self.batch()
        let generalPass = ForwardPass(general, batch), dotPass = ForwardPass(dot, batch)
        #expect(abs(generalPass.loss - dotPass.loss) <= 1e-14)
        #expect(maxAbsoluteDifference(generalPass.gradient(general).decoder.wz.scalars, dotPass.gradient(dot).decoder.wz.scalars) <= 1e-14)
    }
}
