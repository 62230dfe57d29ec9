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

    @Option(help: ArgumentHelp("The layer of a pretrained model (--model DIR) to trace, from 0 (default 0).", valueName: "L"))
    var layer: Int?

    @Option(help: ArgumentHelp("Trace only this head of the pretrained layer, from 0 (default: every head).", valueName: "H"))
    var head: Int?

    @OptionGroup var options: MechanismOptionArguments

    @Option(name: .customLong("max-memory"), help: ArgumentHelp("Refuse traces estimated to need more memory than this.", valueName: "GB"))
    var maxMemory: Double = Double(TraceRequest.defaultMemoryLimit) / 1e9

    /// Reads the spec and runs the tracer.
    ///
    /// - Parameters:
    ///   - recording: Which numbers the trace keeps.
    ///   - output: The file the command will write, refused if it is a tensor file the spec names.
    /// - Throws: ``CommandFailure`` for an unreadable spec file or checkpoint, a memory limit that
    ///   is not a positive number, an output that is one of the spec's tensor files, and every
    ///   ``TraceError``, worded with the command's flags.
    func trace(recording: RecordingPolicy, writing output: String? = nil) throws -> Trace {
        guard maxMemory.isFinite, maxMemory > 0 else {
            throw CommandFailure("--max-memory must be a positive number of gigabytes, got \(maxMemory)")
        }
        if let model, PretrainedCheckpoint.isPretrained(model) { return try tracePretrained(at: model, recording: recording) }
        for (flag, value) in [("--layer", layer), ("--head", head)] where value != nil {
            throw CommandFailure("\(flag) is for a pretrained model: give its folder or GGUF file with --model")
        }
        let file = try inputPath.map { path in (path: path, data: try FileAccess.read(path)) }
        let moduleWeights = try model.flatMap(multiheadAttentionWeights(at:))
        let parameters = moduleWeights == nil ? try parameterChoice(model: model) : .seeded
        let written: InputSpec?
        do throws(TraceError) {
            written = try file.map { file throws(TraceError) in try InputSpec(data: file.data, file: file.path) }
        } catch {
            throw CommandFailure(error)
        }
        if let output, let written { try FileAccess.checkOutput(output, against: written.tensorFiles.values.sorted()) }
        do throws(TraceError) {
            let spec = try moduleWeights.map { weights throws(TraceError) in try weights.spec(adding: written) } ?? written
            return try trace(TraceRequest(variant: variant, source: source, target: target, spec: spec, seed: seed,
                                          parameters: parameters, options: options.mechanismOptions, recording: recording))
        } catch {
            throw CommandFailure(error)
        }
    }

    /// Traces layer ``layer`` (0 by default) of the pretrained model at `path` (a folder or a GGUF file) on ``source``:
    /// every head, or ``head`` alone.
    ///
    /// - Throws: ``CommandFailure`` for a path that is not a model this package reads, a missing
    ///   sentence, a layer or head out of range, and arguments the model decides itself (a target,
    ///   a spec, a variant other than the model's, mechanism options).
    private func tracePretrained(at path: String, recording: RecordingPolicy) throws -> Trace {
        if target != nil { throw CommandFailure("--target does not apply to \(path): a pretrained model's layer reads one sentence") }
        if inputPath != nil { throw CommandFailure("--input does not apply with --model \(path): the model gives every tensor") }
        let given = options.mechanismOptions
        if let option = MechanismOption.allCases.first(where: { $0.value(in: given) != nil }) {
            throw CommandFailure("\(option.flag) does not apply with --model \(path): the model's config fixes its attention")
        }
        guard let source else { throw CommandFailure("--model \(path) needs a sentence: give --source") }
        let traced: Variant = head == nil ? .multiHead : .selfAttention
        if let variant, variant != traced {
            throw CommandFailure("--variant \(variant.rawValue) does not apply with --model \(path): a pretrained layer traces as "
                + "\(Variant.multiHead.rawValue) (every head) or \(Variant.selfAttention.rawValue) (one head, with --head)")
        }
        let (model, name) = try pretrainedModel(at: path)
        do throws(TraceError) {
            let spec = try PretrainedLayer(model: model, name: name, sentence: source, layer: layer ?? 0, head: head).spec
            return try trace(TraceRequest(spec: spec, recording: recording))
        } catch {
            throw CommandFailure(error)
        }
    }

    /// Runs the tracer on `request` under ``maxMemory``.
    private func trace(_ request: TraceRequest) throws(TraceError) -> Trace {
        var request = request
        request.memoryLimit = Int(min(maxMemory * 1e9, Double(Int.max / 2)))
        return try AttentionTracer().trace(request)
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
