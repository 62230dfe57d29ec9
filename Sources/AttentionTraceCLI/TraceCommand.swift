import ArgumentParser
import AttentionEngine
import AttentionRendering
import AttentionTrace
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

    @Option(help: "The output format.")
    var format = TraceFormat.html

    @Option(name: .customLong("output"), help: ArgumentHelp("Write here instead of standard output.", valueName: "file"))
    var outputPath: String?

    @Option(help: ArgumentHelp(
        "Show only the steps whose ids match one of these comma-separated patterns.",
        discussion: "A `*` matches any run of characters: `t0.*,encode` shows the first target word's steps and the encoded input, as a lesson's {trace} block's `show:` key does.",
        valueName: "patterns"))
    var show: String?

    @Flag(help: ArgumentHelp(
        "Keep every number of every tensor (for --format json).",
        discussion: "By default a tensor of more than \(RecordingPolicy.bounded.largestStoredTensor ?? 0) numbers is kept only as a summary (its extremes, mean, corner numbers and a picture), which keeps long inputs fast and small."))
    var full = false

    func run() throws {
        if let outputPath { try FileAccess.checkOutput(outputPath, against: [arguments.inputPath, arguments.model].compactMap { $0 }) }
        var trace = try arguments.trace(recording: full ? .full : .bounded, writing: outputPath)
        if let show {
            let selection = StepSelection(list: show)
            if let unmatched = selection.firstUnmatched(in: trace.steps) {
                throw CommandFailure("--show pattern '\(unmatched)' matches no step of this \(trace.variant) trace; "
                    + "its steps are: \(trace.steps.map(\.id).joined(separator: ", "))")
            }
            trace = trace.showing(selection)
        }
        try FileAccess.write(to: outputPath) { output in try render(trace, as: format, to: &output) }
    }
}
