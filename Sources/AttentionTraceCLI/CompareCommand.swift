import ArgumentParser
import AttentionEngine
import AttentionRendering
import Foundation

/// `attention-trace compare`: trace one sentence under several variants and render one page.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Trace one sentence under several variants and show their alignments side by side.",
        discussion: """
            An entry is a variant, with options of its own in parentheses if it needs them, named as \
            a spec's options are: causal,causal(sliding_window=3),causal(sliding_window=3, sink_tokens=1). \
            The entries must all attend from target words over the source (additive, dot, general, \
            scaled-dot, concat, global, local-m, local-p, and cross with one head), or all let the \
            source attend to itself (self and causal); the second kind needs no --target.
            """)

    @Option(help: ArgumentHelp("The variants to compare, separated by commas; options in parentheses.", valueName: "list"))
    var variants = "dot,general,additive,scaled-dot"

    @Option(help: "The source sentence.")
    var source: String

    @Option(help: "The target sentence, for variants that attend from it over the source.")
    var target: String?

    @Option(help: "The seed for every tensor, when the parameters are seeded.")
    var seed: UInt64 = TraceRequest.defaultSeed

    @Option(name: .customLong("model"), help: modelHelp)
    var model: String?

    @Option(help: "The output format: html or markdown.")
    var format = TraceFormat.html

    @Option(name: .customLong("output"), help: ArgumentHelp("Write here instead of standard output.", valueName: "file"))
    var outputPath: String?

    func run() throws {
        let formats: [TraceFormat] = [.html, .markdown]
        guard formats.contains(format) else {
            throw CommandFailure("format '\(format.rawValue)' cannot show a comparison; choose one of: \(formats.map(\.rawValue).joined(separator: ", "))")
        }
        if let outputPath { try FileAccess.checkOutput(outputPath, against: []) }
        let entries: [ComparedVariant]
        do throws(TraceError) {
            entries = try ComparedVariant.list(variants)
        } catch {
            throw CommandFailure("--variants: " + error.description(naming: .commandLine))
        }
        guard !entries.isEmpty else { throw CommandFailure("--variants is empty: name at least one variant") }
        let parameters = try parameterChoice(model: model)
        let traces = try entries.map { entry in
            do throws(TraceError) {
                // A model is for the variant that traces its score; the others compare with their own
                // shipped model or their seeded parameters.
                let trace = try AttentionTracer().trace(TraceRequest(variant: entry.variant, source: source, target: target, seed: seed,
                                                                     parameters: parameters.applies(to: entry.variant) ? parameters : .automatic,
                                                                     options: entry.options, recording: .full))
                return ComparisonEntry(trace, label: entry.label)
            } catch {
                throw CommandFailure("'\(entry.label)': " + error.description(naming: .commandLine))
            }
        }
        try FileAccess.write(try renderComparison(traces, as: format), to: outputPath)
    }
}
