import ArgumentParser
import AttentionEngine
import AttentionRendering
import Foundation

/// `attention-trace trace`: trace one mechanism on a sentence or a spec and write the walkthrough.
struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Trace one attention mechanism and render every step.",
        discussion: """
            Give sentences with --source and --target, or numbers with --input spec.json \
            (tensors the spec leaves out are generated from --seed).
            """)

    @OptionGroup var arguments: TraceArguments

    @Option(help: "The output format: markdown, html or json.")
    var format = TraceFormat.html.rawValue

    @Option(name: .customLong("output"), help: ArgumentHelp("Write here instead of standard output.", valueName: "file"))
    var outputPath: String?

    func run() throws {
        guard let format = TraceFormat(rawValue: format) else {
            throw CommandFailure("unknown format '\(format)'; choose one of: \(TraceFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let trace = try arguments.trace()
        try FileAccess.write(to: outputPath) { output in try render(trace, as: format, to: &output) }
    }
}
