import AttentionTrace

/// Runs an attention mechanism on a request's input and returns its complete trace.
///
/// This is the engine's entry point: sentences are tokenised and encoded, spec
/// tensors are validated, missing tensors are generated from the seed, and the
/// mechanism records every intermediate into the returned ``Trace``.
public struct AttentionTracer: Sendable {
    /// Creates a tracer.
    public init() {}

    /// Traces `request`.
    ///
    /// - Throws: ``TraceError`` for input that cannot be traced, with a message naming what and where.
    public func trace(_ request: TraceRequest) throws -> Trace {
        let input = try resolve(request)
        let recorder = TraceRecorder()
        let result: [String: Tensor]
        switch request.variant {
        case .additive:
            let inputs = try AlignmentInputs.encode(input, variant: request.variant, recorder: recorder)
            result = try AdditiveAttention().trace(inputs, tensors: input.tensors, recorder: recorder).tensors
        default:
            throw TraceError.invalidOption(
                "variant '\(request.variant.rawValue)' is not implemented yet; this build traces: "
                    + Variant.allCases.filter(\.isImplemented).map(\.rawValue).joined(separator: ", "))
        }
        return Trace(variant: request.variant.rawValue, sourceTokens: input.sourceTokens,
                     targetTokens: input.targetTokens, options: ["seed": String(request.seed)],
                     inputs: recorder.inputs, steps: recorder.steps, warnings: recorder.warnings, result: result)
    }

    private func resolve(_ request: TraceRequest) throws -> ResolvedInput {
        let spec = request.spec ?? InputSpec()
        if let named = spec.variant, named != request.variant.rawValue, Variant(rawValue: named) == nil {
            throw TraceError.unknownVariant(named)
        }
        return ResolvedInput(
            tensors: TensorSource(given: spec.tensors, generator: ParameterGenerator(seed: request.seed)),
            sourceTokens: try spec.sourceTokens ?? tokens(of: request.source, side: "source"),
            targetTokens: try spec.targetTokens ?? tokens(of: request.target, side: "target"),
            options: spec.options)
    }

    private func tokens(of sentence: String?, side: String) throws -> [String]? {
        guard let sentence else { return nil }
        let tokens = Tokenizer().tokens(of: sentence)
        guard !tokens.isEmpty else { throw TraceError.emptySentence(side: side) }
        return tokens.map(\.label)
    }
}
