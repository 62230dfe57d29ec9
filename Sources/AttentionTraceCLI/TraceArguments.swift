import ArgumentParser
import AttentionEngine
import AttentionTrace
import Foundation

/// What to trace: the mechanism, its input (sentences or a spec), the seed, the
/// options and the memory limit, shared by `trace` and `explain` so that
/// the same arguments give the same trace.
struct TraceArguments: ParsableArguments {
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

    /// Reads the spec, checks it names the same variant, and runs the tracer.
    ///
    /// - Parameter recording: Which numbers the trace keeps.
    /// - Throws: ``TraceError`` for a bad variant or input, ``CommandFailure`` for an unreadable
    ///   spec file or one written for another variant.
    func trace(recording: RecordingPolicy) throws -> Trace {
        guard let variant = Variant(rawValue: variant) else { throw TraceError.unknownVariant(variant) }
        guard maxMemory.isFinite, maxMemory > 0 else {
            throw CommandFailure("--max-memory must be a positive number of gigabytes, got \(maxMemory)")
        }
        let spec = try inputPath.map { path in
            try InputSpec(json: try FileAccess.read(path), file: path)
        }
        if let named = spec?.variant, named != variant.rawValue {
            throw CommandFailure("\(inputPath ?? ""): the spec is for variant '\(named)' but --variant is '\(variant.rawValue)'")
        }
        let request = TraceRequest(variant: variant, source: source, target: target, spec: spec, seed: seed,
                                   options: options.specOptions, memoryLimit: Int(min(maxMemory * 1e9, Double(Int.max / 2))),
                                   recording: recording)
        return try AttentionTracer().trace(request)
    }
}
