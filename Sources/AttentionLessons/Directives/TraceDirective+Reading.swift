import AttentionEngine
import AttentionTrace
import Foundation

extension TraceDirective {
    /// The block's keys: what names and feeds the trace, then every mechanism option by the name a spec's `options` uses.
    static let keys = ["name", "variant", "source", "target", "seed", "input", "model", "layer", "head", "show"]
        + MechanismOption.allCases.map(\.rawValue)

    /// The keys that only a pretrained model's layer reads.
    private static let pretrainedKeys = ["layer", "head"]

    /// Reads a ```` ```{trace} ```` block and runs the trace it describes.
    ///
    /// - Throws: ``LessonError`` at the key's line for a bad value or a `show` pattern that
    ///   matches no step, and at the fence's line when the engine refuses the input.
    init(_ body: DirectiveBody, at location: SourceLocation) throws(LessonError) {
        let directive = "trace"
        name = try body.single("name", directive: directive).map { unquoted($0.value) } ?? "trace"
        let request = try Self.request(body, at: location)
        do {
            trace = try AttentionTracer().trace(request)
        } catch {
            throw LessonError("the trace cannot be made: \(error.description)", at: location)
        }
        if let entry = try body.single("show", directive: directive) {
            show = StepSelection(list: entry.value)
            if let unmatched = show.firstUnmatched(in: trace.steps) {
                throw LessonError("show pattern '\(unmatched)' matches no step of this \(trace.variant) trace; "
                    + "its steps are: \(trace.steps.map(\.id).joined(separator: ", "))", at: entry.location)
            }
        } else {
            show = .all
        }
        self.location = location
    }

    /// The engine request a `{trace}` (or, for the sentence keys, a `{compare}`) block describes.
    private static func request(_ body: DirectiveBody, at location: SourceLocation) throws(LessonError) -> TraceRequest {
        let directive = "trace"
        if let model = try DirectiveInputs.pretrainedModel(body, directive: directive, at: location) {
            return try pretrainedRequest(body, model: model, at: location)
        }
        for key in pretrainedKeys {
            if let entry = try body.single(key, directive: directive) {
                throw LessonError("'\(key)' is for a pretrained model: give its folder or .gguf file as 'model'", at: entry.location)
            }
        }
        guard let variantEntry = try body.single("variant", directive: directive) else {
            throw LessonError("{trace} needs a 'variant' (one of: \(Variant.allCases.map(\.rawValue).joined(separator: ", ")))",
                              at: location)
        }
        let variant = try parseVariant(variantEntry)
        var options = MechanismOptions()
        for option in MechanismOption.allCases {
            guard let entry = try body.single(option.rawValue, directive: directive) else { continue }
            do {
                try option.set(unquoted(entry.value), in: &options)
            } catch {
                throw LessonError(error.description, at: entry.location)
            }
        }
        return TraceRequest(variant: variant,
                            source: try body.single("source", directive: directive).map { unquoted($0.value) },
                            target: try body.single("target", directive: directive).map { unquoted($0.value) },
                            spec: try DirectiveInputs.spec(body, directive: directive, at: location),
                            seed: try seed(body, directive: directive),
                            parameters: try DirectiveInputs.parameters(body, directive: directive, for: variant, at: location),
                            options: options)
    }
}

extension TraceDirective {
    /// The request for layer `layer` (default 0) of a pretrained model, every head or `head` alone, on
    /// `source`: the model decides the variant, the options and every tensor, so the keys that would
    /// set them are refused.
    ///
    /// - Throws: ``LessonError`` at the key's line for a key that does not apply, a layer or head that
    ///   is not a natural number or that the model does not have, and a sentence it cannot read.
    private static func pretrainedRequest(_ body: DirectiveBody, model: DirectiveInputs.PretrainedModel,
                                          at location: SourceLocation) throws(LessonError) -> TraceRequest {
        let directive = "trace"
        for key in ["target", "input", "seed"] + MechanismOption.allCases.map(\.rawValue) {
            if let entry = try body.single(key, directive: directive) {
                throw LessonError("'\(key)' does not apply to the pretrained model \(model.name): it decides its own attention",
                                  at: entry.location)
            }
        }
        func index(_ key: String) throws(LessonError) -> (value: Int, entry: DirectiveBody.Entry)? {
            guard let entry = try body.single(key, directive: directive) else { return nil }
            guard let value = Int(unquoted(entry.value)), value >= 0 else {
                throw LessonError("\(key) must be a whole number of 0 or more, found '\(entry.value)'", at: entry.location)
            }
            return (value, entry)
        }
        let layer = try index("layer"), head = try index("head")
        if let variantEntry = try body.single("variant", directive: directive) {
            let traced: Variant = head == nil ? .multiHead : .selfAttention
            guard try parseVariant(variantEntry) == traced else {
                throw LessonError("a pretrained layer traces as \(traced.rawValue) \(head == nil ? "(every head)" : "(one head)"), "
                    + "not \(unquoted(variantEntry.value))", at: variantEntry.location)
            }
        }
        guard let source = try body.single("source", directive: directive) else {
            throw LessonError("{trace} of the pretrained model \(model.name) needs a 'source' sentence", at: location)
        }
        do {
            let spec = try PretrainedLayer(model: model.model, name: model.name, sentence: unquoted(source.value),
                                           layer: layer?.value ?? 0, head: head?.value).spec
            return TraceRequest(spec: spec)
        } catch {
            throw LessonError(error.description, at: (head ?? layer)?.entry.location ?? source.location)
        }
    }
}

/// The value without one pair of surrounding double quotes.
func unquoted(_ text: String) -> String {
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard trimmed.count >= 2, trimmed.hasPrefix("\""), trimmed.hasSuffix("\"") else { return trimmed }
    return String(trimmed.dropFirst().dropLast())
}

func parseVariant(_ entry: DirectiveBody.Entry) throws(LessonError) -> Variant {
    let name = unquoted(entry.value)
    guard let variant = Variant(rawValue: name) else {
        throw LessonError(TraceError.unknownVariant(name).description, at: entry.location)
    }
    return variant
}

/// The `seed` key, or ``TraceRequest/defaultSeed`` (42).
func seed(_ body: DirectiveBody, directive: String) throws(LessonError) -> UInt64 {
    guard let entry = try body.single("seed", directive: directive) else { return TraceRequest.defaultSeed }
    guard let seed = UInt64(unquoted(entry.value)) else {
        throw LessonError("seed must be a whole number of 0 or more, found '\(entry.value)'", at: entry.location)
    }
    return seed
}

/// The value of a `true`/`false` key.
func boolean(_ entry: DirectiveBody.Entry) throws(LessonError) -> Bool {
    switch unquoted(entry.value) {
    case "true": return true
    case "false": return false
    default: throw LessonError("\(entry.key) must be true or false, found '\(entry.value)'", at: entry.location)
    }
}
