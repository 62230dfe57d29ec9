import AttentionMath
import AttentionModels
import AttentionTrace

/// Runs an attention mechanism on a request's input and returns its complete trace.
///
/// This is the engine's entry point: the variant and options are resolved and checked,
/// sentences are tokenised, every given tensor is checked, the parameters are chosen (a
/// trained model's where the variant traces one, else generated from the seed), and the
/// variant's ``Mechanism`` records every intermediate into the returned ``Trace``.
public struct AttentionTracer: Sendable {
    /// The half-width D of a local window when none is given.
    public static let defaultWindow = 2

    /// Creates a tracer.
    public init() {}

    /// Traces `request`.
    ///
    /// - Throws: ``TraceError`` for input that cannot be traced, with a message naming what and where,
    ///   including ``TraceError/overflow(tensor:index:largestInput:)`` when values so large were given
    ///   that a computed entry is not a finite number (the trace never holds NaN or an unmasked infinity).
    public func trace(_ request: TraceRequest) throws(TraceError) -> Trace {
        do {
            return try traceChecked(request)
        } catch {
            throw request.spec?.namingTensorFiles(in: error) ?? error
        }
    }

    private func traceChecked(_ request: TraceRequest) throws(TraceError) -> Trace {
        let variant = try self.variant(of: request)
        let mechanism = variant.mechanism
        let spec = request.spec ?? InputSpec()
        var tensors = TensorSource(given: spec.tensors, generator: ParameterGenerator(seed: request.seed))
        tensors.notes = spec.notes
        tensors.model = try model(for: request, mechanism: mechanism, spec: spec, variant: variant)
        let given = try checkedOptions(spec.options, origin: .spec, for: variant)
            .overridden(by: try checkedOptions(request.options, origin: .request, for: variant))
        if let model = tensors.model { try Self.check(given, against: model) }
        let chosen = mechanism.resolved(given, tensors: tensors)
        if variant.sides == .sourceOnly, request.target != nil { throw TraceError.targetNotApplicable(variant: variant.rawValue) }
        let input = ResolvedInput(tensors: tensors,
                                  sourceTokens: try tokens(spec.sourceTokens, sentence: request.source, side: "source"),
                                  targetTokens: try tokens(spec.targetTokens, sentence: request.target, side: "target"),
                                  options: chosen.overridden(by: mechanism.impliedOptions))
        if let unknown = tensors.parameters.unknownWord(in: input.sourceTokens ?? [], side: .source)
            ?? tensors.parameters.unknownWord(in: input.targetTokens ?? [], side: .target) {
            throw unknown
        }
        try mechanism.validate(input.options)
        try checkTensors(spec.tensors, reads: mechanism.tensors(under: input.options).map(\.name), variant: variant)
        let estimate = mechanism.sizeEstimate(of: input, policy: request.recording)
        guard estimate.bytes <= request.memoryLimit else { throw TraceError.tooLarge(estimate, limit: request.memoryLimit) }
        let recorder = TraceRecorder(policy: request.recording)
        if tensors.model == nil, case .automatic = request.parameters, variant.sides == .decoderOverSource, request.spec == nil {
            // Which models the package ships, by their files: a seeded trace need not read them.
            let traced = ModelConfiguration.Score.allCases.filter { ModelCheckpoint.shippedURL(score: $0) != nil }
                .compactMap { Variant.tracing($0)?.rawValue }
            if !traced.isEmpty {
                let named = traced.map { "'\($0)'" }
                let list = named.count > 1 ? named.dropLast().joined(separator: ", ") + " and " + (named.last ?? "") : named.joined()
                recorder.warn("variant '\(variant.rawValue)' has no trained model (the package's are traced by \(list)), so its parameters are seeded")
            }
        }
        Self.record(spec.precomputed, tokens: input.sourceTokens, recorder: recorder)
        try mechanism.trace(input, recorder: recorder)
        if let tail = spec.tail { Self.record(tail, of: spec, recorder: recorder) }
        if let entry = recorder.firstUndefinedEntry {
            let largest = spec.tensors.values.flatMap(\.scalars).lazy.filter(\.isFinite).map(abs).max() ?? 0
            throw TraceError.overflow(tensor: entry.id, index: [entry.row, entry.column], largestInput: largest)
        }
        return Trace(variant: variant.rawValue, sourceTokens: input.sourceTokens,
                     targetTokens: recorder.generatedTargetTokens ?? input.targetTokens,
                     options: chosen.recorded.merging(Self.parameterOptions(tensors, checkpoint: spec.checkpoint, seed: request.seed)) { option, _ in option },
                     inputs: recorder.inputs, steps: recorder.steps, warnings: recorder.warnings,
                     result: recorder.results, recording: request.recording)
    }

    /// The package's trained models, each read once when first traced; `nil` when the build ships none.
    private static let shippedAdditive = shipped(.additive), shippedGeneral = shipped(.general), shippedDot = shipped(.dot)

    private static func shipped(_ score: ModelConfiguration.Score) -> Result<ModelCheckpoint?, TraceError> {
        do {
            return .success(try ModelCheckpoint.shipped(score: score))
        } catch {
            return .failure(.unreadableModel(model: ModelCheckpoint.shippedName(for: score), reason: "\(error)"))
        }
    }

    /// The package's trained model of `score`, or `nil` when the build ships none.
    ///
    /// - Throws: ``TraceError/unreadableModel(model:reason:)`` for a damaged shipped file.
    private static func shippedModel(for score: ModelConfiguration.Score) throws(TraceError) -> ModelCheckpoint? {
        try (score == .additive ? shippedAdditive : score == .general ? shippedGeneral : shippedDot).get()
    }

    /// The model the request's parameters choose, if any.
    ///
    /// - Throws: ``TraceError/modelNotApplicable(variant:model:attention:tracer:)`` for a model asked for a variant
    ///   that does not trace it, ``TraceError/modelWithGivenTensors(model:tensors:)`` for a model
    ///   asked for beside a spec's tensors, ``TraceError/unreadableModel(model:reason:)`` for a
    ///   damaged shipped model, ``TraceError/noInitialModel(variant:)`` for initial parameters of a
    ///   variant without a shipped model.
    private func model(for request: TraceRequest, mechanism: any Mechanism, spec: InputSpec,
                       variant: Variant) throws(TraceError) -> ModelCheckpoint? {
        switch request.parameters {
        case .seeded:
            return nil
        case .model(let checkpoint):
            return try Self.checked(checkpoint, for: mechanism, variant: variant, spec: spec)
        case .initial:
            guard let score = mechanism.tracedScore, let initial = try Self.shippedModel(for: score)?.initial() else {
                throw .noInitialModel(variant: variant.rawValue)
            }
            return try Self.checked(initial, for: mechanism, variant: variant, spec: spec)
        case .automatic:
            guard let score = mechanism.tracedScore, request.spec == nil else { return nil }
            return try Self.shippedModel(for: score)
        }
    }

    /// `checkpoint`, once `mechanism` traces it and the spec gives no tensors that would replace its parameters.
    ///
    /// - Throws: ``TraceError/modelNotApplicable(variant:model:attention:tracer:)``,
    ///   ``TraceError/modelWithGivenTensors(model:tensors:)``.
    private static func checked(_ checkpoint: ModelCheckpoint, for mechanism: any Mechanism, variant: Variant,
                                spec: InputSpec) throws(TraceError) -> ModelCheckpoint {
        let configuration = checkpoint.model.configuration
        guard mechanism.traces(configuration) else {
            throw .modelNotApplicable(variant: variant.rawValue, model: checkpoint.name, attention: configuration.attentionDescription,
                                      tracer: Variant.tracing(configuration)?.rawValue ?? configuration.score.rawValue)
        }
        guard spec.tensors.isEmpty else {
            throw .modelWithGivenTensors(model: checkpoint.name, tensors: spec.tensors.keys.sorted())
        }
        return checkpoint
    }

    /// Refuses a `score` or `window` option that contradicts the model's own (a local model decides both).
    ///
    /// - Throws: ``TraceError/invalidOption(_:value:reason:)``.
    private static func check(_ options: MechanismOptions, against checkpoint: ModelCheckpoint) throws(TraceError) {
        let configuration = checkpoint.model.configuration
        guard configuration.locality != .global else { return }
        let score = RNNSearchDecoder.scoreFunction(of: configuration.score)
        if let given = options.score, given != score {
            throw .invalidOption(.score, value: given.rawValue, reason: "option 'score' is \(given.rawValue), but \(checkpoint.name) was trained "
                + "with the \(score.rawValue) score; leave the option out")
        }
        if let given = options.window, given != configuration.window {
            throw .invalidOption(.window, value: String(given), reason: "option 'window' is \(given), but \(checkpoint.name) was trained "
                + "with D = \(configuration.window); leave the option out")
        }
    }

    /// The options that say where the parameters came from: `parameters` (`model:<file>`,
    /// `checkpoint` for a spec made from a pretrained checkpoint, `spec` when the spec gives
    /// tensors, else `seeded`) and, for a model or a checkpoint, `model` (its provenance) or, for
    /// seeded parameters, `seed`; for a model whose record says how long it trained, `epochs`
    /// (0 for initial parameters).
    private static func parameterOptions(_ tensors: TensorSource, checkpoint: String?, seed: UInt64) -> [String: String] {
        if let model = tensors.model {
            var options = ["parameters": ParameterSource.model(model).optionValue, "model": model.provenance]
            options["epochs"] = model.training.map { String($0.epochs.count) }
            return options
        }
        if let checkpoint {
            return ["parameters": "checkpoint", "model": checkpoint]
        }
        return ["parameters": tensors.given.isEmpty ? ParameterSource.seeded(tensors.generator).optionValue : "spec",
                "seed": String(seed)]
    }

    /// Records the hidden states a checkpoint computed before the traced layer in a step of their own
    /// (`before`), each with its note as its provenance, so that the page shows them and `explain`
    /// answers for them; nothing when there are none.
    private static func record(_ tensors: [PrecomputedTensor], tokens: [String]?, recorder: TraceRecorder) {
        guard !tensors.isEmpty else { return }
        recorder.begin("before", title: "The model before this layer", group: "Step 0 · The model before",
                       explanation: "The hidden states the checkpoint's own forward pass computed before the traced layer, "
                           + "in float64: the embeddings, then each layer's output in turn. X below is what the next step "
                           + "makes of the last of them.",
                       formulas: [])
        for tensor in tensors {
            let value = Matrix(rows: tensor.value.rowCount, columns: tensor.value.columnCount, scalars: tensor.value.scalars)
            let rows = Axis(name: "source", labels: tokens?.count == value.rows ? tokens : nil)
            recorder.record(value, key: tensor.key, symbol: tensor.symbol, tensor.description, rows: rows,
                            columns: Axis(name: "dimension"), provenance: Provenance(.given, note: tensor.note))
        }
    }

    /// Records what the checkpoint's layer computes after the attention, from the mechanism's `output`
    /// and the hidden state that entered the layer (X, or the last state of the `before` step).
    private static func record(_ tail: LayerTail, of spec: InputSpec, recorder: TraceRecorder) {
        let entering: (id: TensorID, value: Tensor)? = switch tail.residual {
        case .attentionInput: spec.tensors["X"].map { ("X", $0) }
        case .lastPrecomputedState: spec.precomputed.last.map { ("before.\($0.key)", $0.value) }
        }
        guard let output = recorder.resultMatrices["output"], let entering else {
            preconditionFailure("a layer tail needs the attention's output and the hidden state entering the layer")
        }
        let value = Matrix(rows: entering.value.rowCount, columns: entering.value.columnCount, scalars: entering.value.scalars)
        tail.record(output: output, residual: TracedMatrix(id: entering.id, value: value, rows: output.rows, columns: output.columns),
                    recorder: recorder)
    }

    /// The request's variant, else the spec's, else ``TraceRequest/defaultVariant``.
    ///
    /// - Throws: ``TraceError/variantConflict(spec:requested:file:)`` when both name one and they differ.
    private func variant(of request: TraceRequest) throws(TraceError) -> Variant {
        switch (request.variant, request.spec?.variant) {
        case let (requested?, named?) where requested != named:
            throw .variantConflict(spec: named.rawValue, requested: requested.rawValue, file: request.spec?.file)
        case let (requested?, _):
            return requested
        case let (nil, named?):
            return named
        case (nil, nil):
            return TraceRequest.defaultVariant
        }
    }

    /// `options` from `origin` once each set option is valid on its own, applies to `variant`,
    /// and agrees with what the variant's name implies. Restating an implied value is
    /// consistent, so it is dropped here rather than refused.
    ///
    /// - Throws: ``TraceError/invalidOption(_:value:reason:)``, ``TraceError/optionNotApplicable(_:variant:)``
    ///   and ``TraceError/conflictingOption(_:value:origin:variant:implied:)``.
    private func checkedOptions(_ options: MechanismOptions, origin: TraceError.OptionOrigin,
                                for variant: Variant) throws(TraceError) -> MechanismOptions {
        var checked = options
        for option in options.setOptions {
            let value = option.value(in: options) ?? ""
            if let implied = option.value(in: variant.impliedOptions) {
                guard value == implied else {
                    throw .conflictingOption(option, value: value, origin: origin, variant: variant.rawValue, implied: implied)
                }
                checked = option.removed(from: checked)
                continue
            }
            guard variant.options.contains(option) else { throw .optionNotApplicable(option, variant: variant.rawValue) }
            try option.validate(in: options)
        }
        return checked
    }

    /// Refuses a given tensor the mechanism does not read, and any given tensor with a zero extent.
    private func checkTensors(_ given: [String: Tensor], reads used: [String], variant: Variant) throws(TraceError) {
        let names = given.keys.sorted()
        if let unused = names.first(where: { !used.contains($0) }) {
            throw .unexpectedTensor(unused, variant: variant.rawValue, expected: used)
        }
        if let empty = names.first(where: { given[$0]?.shape.contains(0) == true }), let tensor = given[empty] {
            throw .emptyTensor(tensor: empty, shape: tensor.shape)
        }
    }

    /// The spec's labels for `side`, else the tokens of `sentence`, else `nil`.
    private func tokens(_ labels: [String]?, sentence: String?, side: String) throws(TraceError) -> [String]? {
        if let labels {
            guard !labels.isEmpty else { throw .emptyTokens(side: side) }
            return labels
        }
        guard let sentence else { return nil }
        let tokens = Tokenizer().tokens(of: sentence)
        guard !tokens.isEmpty else { throw .emptySentence(side: side) }
        return tokens.map(\.label)
    }
}
