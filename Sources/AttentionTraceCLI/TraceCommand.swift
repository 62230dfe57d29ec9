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

    @Option(help: "The mechanism to trace (see `attention-trace variants`).")
    var variant = Variant.additive.rawValue

    @Option(help: "The source sentence.")
    var source: String?

    @Option(help: "The target sentence, for mechanisms with a target side.")
    var target: String?

    @Option(name: .customLong("input"), help: ArgumentHelp("An input spec in JSON.", valueName: "file"))
    var inputPath: String?

    @Option(help: "The seed for every tensor not given.")
    var seed: UInt64 = TraceRequest.defaultSeed

    @OptionGroup var options: MechanismOptions

    @Option(name: .customLong("max-memory"), help: ArgumentHelp("Refuse traces estimated to need more memory than this.", valueName: "GB"))
    var maxMemory: Double = Double(TraceRequest.defaultMemoryLimit) / 1e9

    @Option(help: "The output format: markdown, html or json.")
    var format = TraceFormat.html.rawValue

    @Option(name: .customLong("output"), help: ArgumentHelp("Write here instead of standard output.", valueName: "file"))
    var outputPath: String?

    func run() throws {
        guard let variant = Variant(rawValue: variant) else { throw TraceError.unknownVariant(variant) }
        guard let format = TraceFormat(rawValue: format) else {
            throw CommandFailure("unknown format '\(format)'; choose one of: \(TraceFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let spec = try inputPath.map { path in
            try InputSpec(json: try FileAccess.read(path), file: path)
        }
        if let named = spec?.variant, named != variant.rawValue {
            throw CommandFailure("\(inputPath ?? ""): the spec is for variant '\(named)' but --variant is '\(variant.rawValue)'")
        }
        let request = TraceRequest(variant: variant, source: source, target: target, spec: spec, seed: seed,
                                   options: options.specOptions, memoryLimit: Int(maxMemory * 1e9))
        let trace = try AttentionTracer().trace(request)
        try FileAccess.write(try render(trace, as: format), to: outputPath)
    }
}
