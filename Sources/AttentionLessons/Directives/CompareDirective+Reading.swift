import AttentionEngine
import AttentionRendering
import AttentionTrace
import Foundation

extension CompareDirective {
    static let keys = ["variants", "source", "target", "seed", "input", "model"]

    /// Reads a ```` ```{compare} ```` block, runs each entry on the sentence and lays out the comparison.
    ///
    /// The entries are read as `compare --variants` reads them (``ComparedVariant/list(_:)``):
    /// `causal, causal(sliding_window=3), causal(sliding_window=3, sink_tokens=1)`.
    ///
    /// - Throws: ``LessonError`` at the key's line for a bad value, and at the fence's line
    ///   when the engine refuses the input or the entries' weights cannot be compared.
    init(_ body: DirectiveBody, at location: SourceLocation) throws(LessonError) {
        let directive = "compare"
        guard let list = try body.single("variants", directive: directive) else {
            throw LessonError("{compare} needs 'variants', a comma-separated list of at least two", at: location)
        }
        let entries: [ComparedVariant]
        do {
            entries = try ComparedVariant.list(list.value)
        } catch {
            throw LessonError(error.description, at: list.location)
        }
        guard entries.count >= 2 else {
            throw LessonError("{compare} needs at least two variants, found \(entries.count)", at: list.location)
        }
        var traced: [ComparisonEntry] = []
        let source = try body.single("source", directive: directive).map { unquoted($0.value) }
        let target = try body.single("target", directive: directive).map { unquoted($0.value) }
        let seed = try seed(body, directive: directive)
        let spec = try DirectiveInputs.spec(body, directive: directive, at: location)
        for entry in entries {
            // A model traces the variant of its score (`trained`: each variant's own); the others keep seeded parameters.
            let parameters = try DirectiveInputs.parameters(body, directive: directive, for: entry.variant, at: location)
            do {
                let choice = parameters.applies(to: entry.variant) ? parameters : .seeded
                let trace = try AttentionTracer().trace(TraceRequest(variant: entry.variant, source: source, target: target,
                                                                     spec: spec, seed: seed, parameters: choice,
                                                                     options: entry.options))
                traced.append(ComparisonEntry(trace, label: entry.label))
            } catch {
                throw LessonError("'\(entry.label)' cannot trace this sentence: \(error)", at: location)
            }
        }
        do {
            blocks = try comparisonBlocks(traced)
        } catch {
            throw LessonError("these variants cannot be compared: \(error.description)", at: location)
        }
        traces = traced.map(\.trace)
        self.location = location
    }
}
