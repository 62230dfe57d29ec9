import ArgumentParser
import AttentionEngine
import AttentionRendering
import Foundation

/// `attention-trace compare`: trace one sentence pair under several variants and render one page.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Trace one sentence pair under several variants and show their alignments side by side.",
        discussion: "Every variant must attend from the target over the source (additive, dot, general, scaled-dot, concat, global, local-m, local-p).")

    @Option(help: ArgumentHelp("The variants to compare, separated by commas.", valueName: "list"))
    var variants = "dot,general,additive,scaled-dot"

    @Option(help: "The source sentence.")
    var source: String

    @Option(help: "The target sentence.")
    var target: String

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
        let names = variants.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !names.isEmpty else { throw CommandFailure("--variants is empty: name at least one variant") }
        let chosen = try names.map { name in
            guard let variant = Variant(rawValue: name) else { throw CommandFailure(TraceError.unknownVariant(name)) }
            guard variant.sides == .decoderOverSource else {
                throw CommandFailure("variant '\(name)' cannot be compared: it does not attend from target words over the source; choose among: \(Variant.allCases.filter { $0.sides == .decoderOverSource }.map(\.rawValue).joined(separator: ", "))")
            }
            return variant
        }
        let parameters = try parameterChoice(model: model)
        let traces = try chosen.map { variant in
            do throws(TraceError) {
                // A model is for the variants that trace one; the others compare with their seeded parameters.
                return try AttentionTracer().trace(TraceRequest(variant: variant, source: source, target: target, seed: seed,
                                                                parameters: variant.tracesModels ? parameters : .automatic,
                                                                recording: .full))
            } catch {
                throw CommandFailure(error)
            }
        }
        try FileAccess.write(try renderComparison(traces, as: format), to: outputPath)
    }
}
