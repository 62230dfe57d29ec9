import ArgumentParser
import AttentionEngine
import AttentionTrace
import Foundation

/// What to trace: the mechanism, its input (sentences or a spec), the parameters (a model or
/// the seed), the options and the memory limit, shared by `trace` and `explain` so that
/// the same arguments give the same trace.
struct TraceArguments: ParsableArguments {
    @Option(help: ArgumentHelp("The mechanism to trace (see `attention-trace variants`); default: the spec's, else \(TraceRequest.defaultVariant).",
                               valueName: "name"),
            transform: variant(named:))
    var variant: Variant?

    @Option(help: "The source sentence.")
    var source: String?

    @Option(help: ArgumentHelp("The target sentence, for mechanisms with a target side.",
                               discussion: "Without it, additive attention under a trained model translates the source itself (greedy decoding) and traces every word it writes."))
    var target: String?

    @Option(name: .customLong("input"), help: ArgumentHelp("An input spec: JSON, or a .safetensors file of tensors.", valueName: "file"))
    var inputPath: String?

    @Option(help: "The seed for every tensor not given, when the parameters are seeded.")
    var seed: UInt64 = TraceRequest.defaultSeed

    @Option(name: .customLong("model"), help: modelHelp)
    var model: String?

    @OptionGroup var options: MechanismOptionArguments

    @Option(name: .customLong("max-memory"), help: ArgumentHelp("Refuse traces estimated to need more memory than this.", valueName: "GB"))
    var maxMemory: Double = Double(TraceRequest.defaultMemoryLimit) / 1e9

    /// Reads the spec and runs the tracer.
    ///
    /// - Parameter recording: Which numbers the trace keeps.
    /// - Throws: ``CommandFailure`` for an unreadable spec file or checkpoint, a memory limit that
    ///   is not a positive number, and every ``TraceError``, worded with the command's flags.
    func trace(recording: RecordingPolicy) throws -> Trace {
        guard maxMemory.isFinite, maxMemory > 0 else {
            throw CommandFailure("--max-memory must be a positive number of gigabytes, got \(maxMemory)")
        }
        let file = try inputPath.map { path in (path: path, data: try FileAccess.read(path)) }
        let parameters = try parameterChoice(model: model)
        do throws(TraceError) {
            let spec = try file.map { file throws(TraceError) in try InputSpec(data: file.data, file: file.path) }
            let request = TraceRequest(variant: variant, source: source, target: target, spec: spec, seed: seed,
                                       parameters: parameters,
                                       options: options.mechanismOptions,
                                       memoryLimit: Int(min(maxMemory * 1e9, Double(Int.max / 2))), recording: recording)
            return try AttentionTracer().trace(request)
        } catch {
            throw CommandFailure(error)
        }
    }
}

/// The variant a command-line argument names, matched without regard to case.
///
/// - Throws: ``CommandFailure`` naming the closest variant.
func variant(named name: String) throws -> Variant {
    do {
        return try Variant(named: name)
    } catch {
        throw CommandFailure(error)
    }
}
