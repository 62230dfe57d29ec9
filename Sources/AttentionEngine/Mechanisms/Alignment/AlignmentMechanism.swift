import AttentionModels
import AttentionTrace

/// The decoder-side mechanisms (Bahdanau et al. 2014; Luong et al. 2015): for each target
/// word, score every source annotation, restrict to a window where the mechanism has one,
/// normalise, and take the weighted sum of the values.
///
/// One type for the family, parameterised by what tells its variants apart: the score
/// (fixed by the name, or chosen with the `score` option), the window (none, monotonic
/// or predictive) and the words its explanations use. Each variant declares its instance
/// in its own folder.
struct AlignmentMechanism: Mechanism {
    /// How a variant's score is decided.
    enum Score: Sendable, Equatable {
        /// The name fixes it: `dot` scores with the dot product.
        case fixed(ScoreFunction)
        /// The `score` option chooses it; unset, the given tensors imply it (``ScoreFunction/implied(by:)``).
        case option
    }

    /// Where a variant looks, or a trained model (``ModelConfiguration/Locality``).
    enum Window: Sendable {
        /// Every source position.
        case global
        /// `|i − t| ≤ D` (local-m).
        case monotonic
        /// `|i − p_t| ≤ D` around a predicted centre, with a Gaussian fall-off (local-p).
        case predictive

        /// The window of a model trained with `locality`.
        init(_ locality: ModelConfiguration.Locality) {
            switch locality {
            case .global: self = .global
            case .monotonic: self = .monotonic
            case .predictive: self = .predictive
            }
        }
    }

    let name: String
    let summary: String
    let score: Score
    let window: Window
    /// Whose words a concat score is explained in.
    var framing: AlignmentScorer.Framing = .luong
    /// The score of the trained RNNsearch models the variant traces when one is in force (``RNNSearchDecoder``).
    var tracedScore: ModelConfiguration.Score?

    var sides: Variant.Sides { .decoderOverSource }

    /// Global variants trace global models of ``tracedScore``; local-m and local-p trace the models
    /// trained with their window, whatever the score (the model's is then the trace's).
    func traces(_ configuration: ModelConfiguration) -> Bool {
        Window(configuration.locality) == window && (window != .global || configuration.score == tracedScore)
    }

    var options: [MechanismOption] {
        (score == .option ? [.score] : []) + (window == .global ? [] : [.window])
    }

    var impliedOptions: MechanismOptions {
        guard case .fixed(let function) = score else { return MechanismOptions() }
        return MechanismOptions(score: function)
    }

    /// Fills in the score and window; a trained model's are its own (``AttentionTracer`` refuses
    /// options that contradict them).
    func resolved(_ options: MechanismOptions, tensors: TensorSource) -> MechanismOptions {
        var options = options
        if let model = tensors.model?.model.configuration, window != .global {
            options.score = RNNSearchDecoder.scoreFunction(of: model.score)
            options.window = model.window
            return options
        }
        if score == .option { options.score = function(under: options, tensors: tensors) }
        if window != .global { options.window = halfWidth(under: options) }
        return options
    }

    func validate(_ options: MechanismOptions) throws(TraceError) {
        if window == .predictive, let d = options.window, d < 1 {
            throw .invalidOption(.window, value: String(d),
                                 reason: "local-p needs a window of at least 1: its Gaussian has σ = D/2, which must be positive")
        }
    }

    /// The score under `options`: the one the name fixes, else the option's, else the one the given tensors imply.
    private func function(under options: MechanismOptions, tensors: TensorSource) -> ScoreFunction {
        guard case .fixed(let function) = score else { return options.score ?? ScoreFunction.implied(by: tensors) }
        return function
    }

    /// The window's half-width D under `options`.
    private func halfWidth(under options: MechanismOptions) -> Int {
        options.window ?? AttentionTracer.defaultWindow
    }

    func tensors(under options: MechanismOptions) -> [TensorRole] {
        let function = options.score ?? .dot
        var roles = [TensorRole("query", "m × d_s", "the decoder states, one row per target word"),
                     TensorRole("keys", "n × d_h", "the encoder states, one row per source word"),
                     TensorRole("values", "n × d_v", "what is summed; keys when not given")]
        switch function {
        case .dot, .scaledDot: break
        case .general: roles.append(TensorRole("W_a", "d_s × d_h", "the bilinear score's weights"))
        case .concat:
            roles += [TensorRole("W_a", "d_a × (d_s + d_h)", "the scoring network's weights"),
                      TensorRole("v_a", "d_a", "the scoring network's output weights")]
        }
        if window == .predictive {
            roles += [TensorRole("W_p", "d_p × d_s", "the position predictor's weights"),
                      TensorRole("v_p", "d_p", "the position predictor's output weights")]
        }
        return roles
    }

    func sizeEstimate(of input: ResolvedInput, policy: RecordingPolicy) -> TraceSizeEstimate {
        let n = input.length(given: ["keys"], tokens: input.sourceTokens)
        let model = input.tensors.model?.model
        let m = model != nil && input.targetTokens == nil
            ? RNNSearch.translationLimit(sourceLength: n) : input.length(given: ["query"], tokens: input.targetTokens)
        let d = Double(input.width)
        // Per target word: [s; h_i], W_a c_i and tanh (width ≤ 2d + 2·8 each), the scores and the softmax's intermediates;
        // under a model also the prediction's six rows over the target vocabulary.
        let pairs = Double(n) * Double(m)
        let predictions = Double(m) * 6 * Double(model?.targetVocabulary.count ?? 0)
        return TraceSizeEstimate(numbers: pairs * (2 * d + 2 * 8 + 8) + 40 * Double(n + m) * d + predictions,
                                 sourceLength: n, targetLength: m, width: input.width)
    }

    func trace(_ input: ResolvedInput, recorder: TraceRecorder) throws(TraceError) {
        if let model = input.tensors.model {
            precondition(traces(model.model.configuration), "\(name) cannot trace \(model.name)")
            return try RNNSearchDecoder(checkpoint: model).trace(input, variant: name, recorder: recorder)
        }
        let scoreFunction = function(under: input.options, tensors: input.tensors)
        let inputs = try AlignmentInputs.encode(input, variant: name, recorder: recorder)
        let localWindow = try LocalWindow.of(window, halfWidth: halfWidth(under: input.options),
                                             queryWidth: inputs.query.value.columns, tensors: input.tensors, recorder: recorder)
        let scorer = try AlignmentScorer(scoreFunction, framing: framing, inputs: inputs, tensors: input.tensors)
        recorder.recordResults(AlignmentLoop(inputs: inputs, scorer: scorer, window: localWindow).trace(recorder: recorder).tensors)
    }
}
