import AttentionTrace

/// Runs an attention mechanism on a request's input and returns its complete trace.
///
/// This is the engine's entry point: sentences are tokenised and encoded, spec
/// tensors and options are validated, missing tensors are generated from the
/// seed, and the mechanism records every intermediate into the returned ``Trace``.
public struct AttentionTracer: Sendable {
    /// The half-width D of a local window when none is given.
    public static let defaultWindow = 2

    /// Creates a tracer.
    public init() {}

    /// Traces `request`.
    ///
    /// - Throws: ``TraceError`` for input that cannot be traced, with a message naming what and where,
    ///   including ``TraceError/overflow(tensor:index:largestInput:)`` when values so large were given
    ///   that a computed entry is not a finite number (the trace never holds NaN).
    public func trace(_ request: TraceRequest) throws -> Trace {
        let variant = request.variant
        let input = try resolve(request)
        let estimate = sizeEstimate(of: input, variant: variant, policy: request.recording)
        guard estimate.bytes <= request.memoryLimit else { throw TraceError.tooLarge(estimate, limit: request.memoryLimit) }
        let recorder = TraceRecorder(policy: request.recording)
        var options = ["seed": String(request.seed)]
        switch variant {
        case .additive, .dot, .general, .scaledDot, .concat, .global, .localM, .localP:
            let score = try scoreFunction(for: variant, input: input)
            var window: LocalWindow?
            let used = ["query", "keys", "values"] + score.parameterNames + (variant == .localP ? ["W_p", "v_p"] : [])
            try checkTensors(input, used: used, variant: variant)
            let inputs = try AlignmentInputs.encode(input, variant: variant, recorder: recorder)
            let halfWidth = input.options.window ?? Self.defaultWindow
            if variant == .localM {
                window = LocalWindow(monotonicHalfWidth: halfWidth)
            } else if variant == .localP {
                window = try LocalWindow(predictiveHalfWidth: halfWidth, queryWidth: inputs.query.value.columns,
                                         tensors: input.tensors)
                recorder.warn("local-p weights are the window softmax times a Gaussian, so a row does not sum to 1 (as in Luong et al. 2015)")
            }
            if [.global, .localM, .localP].contains(variant) { options["score"] = score.rawValue }
            if window != nil { options["window"] = String(halfWidth) }
            let scorer = try AlignmentScorer(score, framing: variant == .additive ? .bahdanau : .luong, inputs: inputs,
                                             tensors: input.tensors)
            recorder.recordResults(AlignmentLoop(inputs: inputs, scorer: scorer, window: window).trace(recorder: recorder).tensors)
        case .selfAttention, .causal, .multiHead, .cross:
            let heads = variant == .multiHead ? (input.options.heads ?? 1) : input.options.heads
            let causal = variant == .causal || (input.options.causal ?? false)
            try checkTensors(input, used: ["X", "W_Q", "W_K", "W_V"] + (variant == .cross ? ["memory"] : [])
                                 + (heads == nil ? [] : ["W_O"]), variant: variant)
            let sequences = SequenceEncoder(input: input)
            let x = try sequences.sequence("X", tokens: variant == .cross ? input.targetTokens : input.sourceTokens,
                                           side: variant == .cross ? "target" : "source", positional: true, recorder: recorder)
            let sources = variant == .cross
                ? try sequences.sequence("memory", tokens: input.sourceTokens, side: "source", positional: true,
                                         width: x.value.columns, recorder: recorder)
                : x
            let attention = try DotProductAttention(queries: x, sources: sources, heads: heads, causal: causal,
                                                    tensors: input.tensors)
            if let heads { options["heads"] = String(heads) }
            if input.options.causal != nil { options["causal"] = String(causal) }
            attention.trace(recorder: recorder)
        case .coAttention:
            try checkTensors(input, used: ["question", "document", "W_b", "W_q", "W_d", "w_q", "w_d"], variant: variant)
            let sequences = SequenceEncoder(input: input)
            let document = try sequences.sequence("document", tokens: input.sourceTokens, side: "source", positional: false,
                                                  recorder: recorder)
            let question = try sequences.sequence("question", tokens: input.targetTokens, side: "target", positional: false,
                                                  width: document.value.columns, recorder: recorder)
            recorder.recordResults(try ParallelCoAttention(question: question, document: document, tensors: input.tensors)
                .trace(recorder: recorder))
        }
        if let entry = recorder.firstUndefinedEntry {
            let largest = input.tensors.given.values.flatMap(\.scalars).lazy.filter(\.isFinite).map(abs).max() ?? 0
            throw TraceError.overflow(tensor: entry.id, index: [entry.row, entry.column], largestInput: largest)
        }
        return Trace(variant: variant.rawValue, sourceTokens: input.sourceTokens, targetTokens: input.targetTokens,
                     options: options, inputs: recorder.inputs, steps: recorder.steps, warnings: recorder.warnings,
                     result: recorder.results, recording: request.recording)
    }

    private func resolve(_ request: TraceRequest) throws -> ResolvedInput {
        let spec = request.spec ?? InputSpec()
        let variant = request.variant
        let options = InputSpec.Options(heads: request.options.heads ?? spec.options.heads,
                                        window: request.options.window ?? spec.options.window,
                                        causal: request.options.causal ?? spec.options.causal,
                                        score: request.options.score ?? spec.options.score)
        try check(options, for: variant)
        if variant.sides == .sourceOnly, request.target != nil {
            throw TraceError.invalidOption("variant '\(variant.rawValue)' attends over the source only; --target does not apply")
        }
        return ResolvedInput(
            tensors: TensorSource(given: spec.tensors, generator: ParameterGenerator(seed: request.seed)),
            sourceTokens: try spec.sourceTokens ?? tokens(of: request.source, side: "source"),
            targetTokens: try spec.targetTokens ?? tokens(of: request.target, side: "target"),
            options: options)
    }

    /// The size of the trace from the lengths the spec's tensors or the tokens give, before anything is encoded.
    private func sizeEstimate(of input: ResolvedInput, variant: Variant, policy: RecordingPolicy) -> TraceSizeEstimate {
        let given = input.tensors.given
        func rows(_ names: [String], tokens: [String]?) -> Int {
            names.compactMap { given[$0]?.rowCount }.first ?? tokens?.count ?? 0
        }
        let n = rows(["keys", "memory", "document", "X"], tokens: input.sourceTokens)
        let m = variant.sides == .sourceOnly ? n
            : rows(variant == .cross ? ["X"] : ["query", "question"], tokens: input.targetTokens)
        let width = given.values.map(\.columnCount).max() ?? SentenceEncoder.embeddingSize
        return TraceSizeEstimate(variant: variant, sourceLength: n, targetLength: m, width: width,
                                 heads: input.options.heads ?? 1, policy: policy)
    }

    private func check(_ options: InputSpec.Options, for variant: Variant) throws {
        let set = [("heads", options.heads != nil), ("window", options.window != nil),
                   ("causal", options.causal != nil), ("score", options.score != nil)]
        for (name, isSet) in set where isSet && !variant.applicableOptions.contains(name) {
            let users = Variant.allCases.filter { $0.applicableOptions.contains(name) }.map(\.rawValue)
            throw TraceError.invalidOption(
                "option '\(name)' does not apply to variant '\(variant.rawValue)'; it applies to: \(users.joined(separator: ", "))")
        }
        if let window = options.window, window < 0 {
            throw TraceError.invalidOption("window must be 0 or more (the half-width D of the local window), got \(window)")
        }
        if let heads = options.heads, heads < 1 {
            throw TraceError.invalidOption("heads must be at least 1, got \(heads)")
        }
        if let score = options.score, ScoreFunction(rawValue: score) == nil || score == ScoreFunction.scaledDot.rawValue {
            throw TraceError.invalidOption("unknown score '\(score)'; choose dot, general or concat")
        }
    }

    private func scoreFunction(for variant: Variant, input: ResolvedInput) throws -> ScoreFunction {
        switch variant {
        case .additive, .concat: .concat
        case .dot: .dot
        case .general: .general
        case .scaledDot: .scaledDot
        default: input.options.score.flatMap(ScoreFunction.init(rawValue:)) ?? ScoreFunction.implied(by: input.tensors)
        }
    }

    private func checkTensors(_ input: ResolvedInput, used: [String], variant: Variant) throws {
        if let unused = input.tensors.given.keys.sorted().first(where: { !used.contains($0) }) {
            throw TraceError.unexpectedTensor(unused, variant: variant.rawValue, expected: used)
        }
    }

    private func tokens(of sentence: String?, side: String) throws -> [String]? {
        guard let sentence else { return nil }
        let tokens = Tokenizer().tokens(of: sentence)
        guard !tokens.isEmpty else { throw TraceError.emptySentence(side: side) }
        return tokens.map(\.label)
    }
}
