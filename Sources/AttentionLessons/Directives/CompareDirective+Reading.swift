import AttentionEngine
import AttentionRendering
import AttentionTrace
import Foundation

extension CompareDirective {
    static let keys = ["variants", "source", "target", "seed", "input", "model"]

    /// Reads a ```` ```{compare} ```` block, runs each variant on the sentence and lays out the comparison.
    ///
    /// - Throws: ``LessonError`` at the key's line for a bad value, and at the fence's line
    ///   when the engine refuses the input or the variants' weights cannot be compared.
    init(_ body: DirectiveBody, at location: SourceLocation) throws(LessonError) {
        let directive = "compare"
        guard let list = try body.single("variants", directive: directive) else {
            throw LessonError("{compare} needs 'variants', a comma-separated list of at least two", at: location)
        }
        let names = list.value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard names.count >= 2 else {
            throw LessonError("{compare} needs at least two variants, found \(names.count)", at: list.location)
        }
        var traces: [Trace] = []
        let source = try body.single("source", directive: directive).map { unquoted($0.value) }
        let target = try body.single("target", directive: directive).map { unquoted($0.value) }
        let seed = try seed(body, directive: directive)
        let spec = try DirectiveInputs.spec(body, directive: directive, at: location)
        let parameters = try DirectiveInputs.parameters(body, directive: directive, at: location)
        for name in names {
            guard let variant = Variant(rawValue: name) else {
                throw LessonError(TraceError.unknownVariant(name).description, at: list.location)
            }
            do {
                // The model traces the variants that read one (additive); the others keep seeded parameters.
                let choice = variant.tracesModels ? parameters : .seeded
                traces.append(try AttentionTracer().trace(TraceRequest(variant: variant, source: source, target: target,
                                                                       spec: spec, seed: seed, parameters: choice)))
            } catch {
                throw LessonError("variant '\(name)' cannot trace this sentence: \(error)", at: location)
            }
        }
        do {
            blocks = try comparisonBlocks(traces)
        } catch {
            throw LessonError("these variants cannot be compared: \(error.description)", at: location)
        }
        self.traces = traces
        self.location = location
    }
}
