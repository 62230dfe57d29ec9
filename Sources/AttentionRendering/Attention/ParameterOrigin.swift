import AttentionTrace

/// Where a trace's numbers came from, read from the provenance of the tensors it
/// recorded with no operands: drawn from the seed, embedded from the seed and a
/// token's text, given in the spec, or read from a trained model's checkpoint (which the
/// trace's `model` option names).
///
/// Attention weights computed from random parameters are close to uniform; a page
/// that does not say the parameters are untrained invites reading noise as a finding.
struct ParameterOrigin: Equatable {
    /// How many tensors were drawn from the seeded generator (``Operation/generated``).
    private(set) var generated = 0
    /// How many token embeddings were drawn from the seed and the token (``Operation/embedding``).
    private(set) var embeddings = 0
    /// How many tensors the spec gave (``Operation/given``, noted as given in the input spec).
    private(set) var given = 0
    /// How many given tensors came from the model's checkpoint (``Operation/given`` with a note of their own).
    private(set) var read = 0
    /// How many other tensors without operands came from elsewhere (a checkpoint, say), by operation.
    private(set) var others: [Operation: Int] = [:]
    /// The seed, as the trace's options record it.
    let seed: String?
    /// The trained model whose checkpoint the given tensors came from, as the trace's `model`
    /// option records it (`checkpoint rnnsearch.safetensors (trained by …)`); `nil` for a spec's.
    let model: String?
    /// Whether the tensors came from a pretrained checkpoint (the trace's `parameters` is
    /// `checkpoint`), which the page cannot know to be trained, rather than from `train`'s model.
    let isPretrained: Bool
    /// Whether the model's record says it has not trained yet (the trace's `epochs` is 0): its
    /// initial parameters, as random as seeded ones.
    let isUntrained: Bool

    /// Counts the trace's source tensors, whether it kept their numbers or a summary.
    init(_ trace: Trace) {
        seed = trace.options["seed"]
        model = trace.options["model"]
        isPretrained = trace.options["parameters"] == "checkpoint"
        isUntrained = trace.options["epochs"] == "0"
        let sources = trace.steps.flatMap { $0.tensors.map(\.provenance) }.filter(\.operands.isEmpty)
        for source in sources {
            switch source.operation {
            case .generated: generated += 1
            case .embedding: embeddings += 1
            case .given where source.isGivenInSpec: given += 1
            case .given: read += 1
            case .constant, .causalMask: break  // a stated value or a mask made from positions, not a parameter
            default: others[source.operation, default: 0] += 1
            }
        }
    }

    /// Whether every parameter that was not given was drawn at random: nothing came from anywhere else.
    var isSeeded: Bool { generated + embeddings > 0 && others.isEmpty }

    /// One or two sentences for the top of a page, or `nil` when the trace records no source tensor.
    ///
    /// For example, counted: "The parameters are not trained: 21 tensors are drawn at
    /// random from seed 42 and 2 embedding tensors are drawn from seed 42 and each
    /// token's text. The weights show how the mechanism computes, not what a trained
    /// model attends to, so rows close to uniform are to be expected." Uncounted (for
    /// a page comparing traces whose counts differ), the numbers are left out.
    ///
    /// - Parameter isCounted: Whether to say how many tensors came from each source.
    func sentence(counted isCounted: Bool = true) -> String? {
        func counted(_ count: Int, _ noun: String) -> String {
            isCounted ? "\(count) \(noun)\(count == 1 ? " is" : "s are")" : "\(noun)s are"
        }
        var parts: [String] = []
        let from = seed.map { "from seed \($0)" } ?? "from the seed"
        if generated > 0 { parts.append("\(counted(generated, "tensor")) drawn at random \(from)") }
        if embeddings > 0 { parts.append("\(counted(embeddings, "embedding tensor")) drawn \(from) and each token's text") }
        if read > 0 { parts.append("\(counted(read, "tensor")) read from the \(model ?? "checkpoint")") }
        if given > 0 { parts.append("\(counted(given, "tensor")) given in the spec") }
        for (operation, count) in others.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            parts.append("\(counted(count, "tensor")) recorded as '\(operation.rawValue)'")
        }
        guard let last = parts.popLast() else { return nil }
        let list = parts.isEmpty ? last : parts.joined(separator: ", ") + " and " + last
        if model != nil, generated + embeddings == 0, others.isEmpty {
            if isUntrained {
                return "The parameters are not trained yet: \(list). They are the random values training starts from, "
                    + "so rows close to uniform are to be expected."
            }
            return isPretrained ? "The parameters come from a checkpoint: \(list)." : "The parameters are trained: \(list)."
        }
        guard isSeeded else { return "Where the numbers come from: \(list)." }
        return "The parameters are not trained: \(list). The weights show how the mechanism computes, "
            + "not what a trained model attends to, so rows close to uniform are to be expected."
    }
}
