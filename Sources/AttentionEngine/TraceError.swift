import AttentionModels
import NameSuggestions

/// Why a trace could not be made. Each case carries what a user needs to fix the input,
/// and ``description`` is one line suitable for stderr.
///
/// Messages speak of the concepts (a target sentence, the memory limit); a command
/// line that names them with flags gets its own words with ``description(naming:)``.
public enum TraceError: Error, Equatable, CustomStringConvertible {
    /// The variant name is not a registered ``Variant``'s.
    case unknownVariant(String)
    /// An entry of a list of variants to compare (`causal(sliding_window=3)`) cannot be read; `reason` says why.
    case malformedComparedVariant(entry: String, reason: String)
    /// A list of variants to compare has entries whose weights are over different rows: one
    /// attends from the target over the source, the other lets the source attend to itself.
    case comparedSidesDiffer(ComparedVariant, ComparedVariant)
    /// A layer or head (`what`) that a pretrained model does not have: it has `count`, from 0.
    case pretrainedIndexOutOfRange(_ what: String, index: Int, count: Int, model: String)
    /// A pretrained checkpoint cannot compute what the trace needs from this input; `reason` says why.
    case unusableCheckpoint(model: String, reason: String)
    /// The request asks for one variant and the spec (read from `file`) says it is for another.
    case variantConflict(spec: String, requested: String, file: String?)
    /// A sentence was given but tokenised to nothing.
    case emptySentence(side: String)
    /// A spec's token list for `side` (`source` or `target`) is empty.
    case emptyTokens(side: String)
    /// The variant needs a target sentence or target-side tensors, and none was given.
    case missingTarget(variant: String)
    /// The variant reads only the source, and a target was given.
    case targetNotApplicable(variant: String)
    /// Neither a sentence nor the spec provides the sequence `tensor` of `side` that `variant` reads.
    case missingSequence(tensor: String, side: String, variant: String)
    /// The spec gives `given` but not `missing`, which only make sense together.
    case missingCompanion(given: String, missing: String)
    /// A sequence would be embedded from tokens at `embeddingWidth`, but the other sequence the spec gives is `givenWidth` wide.
    case embeddingWidthMismatch(tensor: String, side: String, embeddingWidth: Int, givenWidth: Int)
    /// The input spec could not be read or parsed.
    case unreadableSpec(file: String, reason: String)
    /// The spec has a key no reader knows, at `path` (`the top level`, `options`), with the closest known key.
    case unknownKey(String, path: String, file: String, suggestion: String?)
    /// A tensor's shape does not fit the others.
    case shapeMismatch(tensor: String, expected: [Int], found: [Int], because: String)
    /// A tensor that must be a matrix (or a vector, read as one row) has more dimensions.
    case notAMatrix(tensor: String, shape: [Int])
    /// A given tensor has a dimension of extent 0.
    case emptyTensor(tensor: String, shape: [Int])
    /// A tensor holds NaN, an infinity or `null` at `index`.
    case nonFinite(tensor: String, index: [Int])
    /// The spec names a tensor the variant does not use.
    case unexpectedTensor(String, variant: String, expected: [String])
    /// An option's value is invalid; `reason` says why and what it may be.
    case invalidOption(MechanismOption, value: String, reason: String)
    /// An option that means nothing for the variant was set.
    case optionNotApplicable(MechanismOption, variant: String)
    /// An option set in `origin` contradicts the value the variant's name implies.
    case conflictingOption(MechanismOption, value: String, origin: OptionOrigin, variant: String, implied: String)
    /// The head count does not divide the model width.
    case headsDoNotDivide(heads: Int, width: Int)
    /// The trace would need more memory than the request allows.
    case tooLarge(TraceSizeEstimate, limit: Int)
    /// A word of `side` is not in the vocabulary of the model `model`; `suggestions` are its closest known words.
    case unknownWord(String, side: String, model: String, suggestions: [String])
    /// A model was asked for, but `variant` does not trace models of its `attention` (its score and window,
    /// in words), which `tracer` does: `additive`, `general` and `dot` global models of their score,
    /// `local-m` and `local-p` models of their window.
    case modelNotApplicable(variant: String, model: String, attention: String, tracer: String)
    /// A model was asked for, and the spec gives tensors, which would replace its parameters.
    case modelWithGivenTensors(model: String, tensors: [String])
    /// The shipped model `model` could not be read.
    case unreadableModel(model: String, reason: String)
    /// Initial parameters were asked for, but the package ships no trained model (with a training
    /// record naming its seed) for `variant` to start from.
    case noInitialModel(variant: String)
    /// A computed entry overflowed to NaN or an infinity, at `index` of the recorded tensor `tensor`;
    /// `largestInput` is the largest magnitude among the given tensors.
    case overflow(tensor: String, index: [Int], largestInput: Double)

    /// Where an option's value came from.
    public enum OptionOrigin: Sendable, Equatable {
        /// The spec's `options`.
        case spec
        /// The request's options (the command line's flags, a lesson's keys).
        case request
    }

    /// How a message names the inputs a user controls: in words, or as a command line's flags.
    public struct InputNames: Sendable {
        /// How to ask for a source sentence ("give a source sentence", "give --source").
        public var giveSource: String
        /// How to ask for a target sentence.
        public var giveTarget: String
        /// The target sentence as an input ("a target", "--target").
        public var target: String
        /// Where a spec comes from ("the spec", "--input").
        public var spec: String
        /// The requested variant ("the requested variant", "--variant").
        public var variant: String
        /// How to allow a larger trace.
        public var raiseMemoryLimit: String
        /// Where the request's options come from ("in the request", "on the command line").
        public var requestOrigin: String
        /// How to trace with seeded parameters instead of a model ("ask for seeded parameters", "pass --model seeded").
        public var useSeededParameters: String

        /// Creates names.
        public init(giveSource: String, giveTarget: String, target: String, spec: String, variant: String,
                    raiseMemoryLimit: String, requestOrigin: String,
                    useSeededParameters: String = "ask for seeded parameters") {
            self.giveSource = giveSource
            self.giveTarget = giveTarget
            self.target = target
            self.spec = spec
            self.variant = variant
            self.raiseMemoryLimit = raiseMemoryLimit
            self.requestOrigin = requestOrigin
            self.useSeededParameters = useSeededParameters
        }

        /// The names ``description`` uses: the concepts, in words.
        public static let concepts = InputNames(
            giveSource: "give a source sentence", giveTarget: "give a target sentence", target: "a target",
            spec: "the spec", variant: "the requested variant", raiseMemoryLimit: "raise the memory limit to allow it",
            requestOrigin: "in the request")
    }

    public var description: String { description(naming: .concepts) }

    /// The one-line message, naming the user's inputs as `names` says.
    public func description(naming names: InputNames) -> String {
        switch self {
        case .unknownVariant(let name):
            let suggestion = closestName(to: name, among: Variant.registered.map(\.rawValue))
                .map { "did you mean '\($0)'? " } ?? ""
            return "unknown variant '\(printable(name))'; \(suggestion)choose one of: \(Variant.registered.map(\.rawValue).joined(separator: ", "))"
        case .variantConflict(let spec, let requested, let file):
            return "\(file.map { "\($0): " } ?? "")the spec is for variant '\(spec)' but \(names.variant) is '\(requested)'"
        case .emptySentence(let side):
            return "the \(side) sentence is empty: give at least one word"
        case .emptyTokens(let side):
            return "'\(side)Tokens' in the spec is empty: give at least one \(side) token, or leave the key out"
        case .missingTarget(let variant):
            return "variant '\(variant)' needs a target: \(names.giveTarget) or give the target-side tensors in \(names.spec)"
        case .targetNotApplicable(let variant):
            return "variant '\(variant)' attends over the source only; \(names.target) does not apply"
        case .missingSequence(let tensor, let side, let variant):
            return "variant '\(variant)' needs '\(tensor)': \(side == "source" ? names.giveSource : names.giveTarget), or '\(tensor)' or '\(side)Tokens' in the spec"
        case .missingCompanion(let given, let missing):
            return "the spec gives '\(given)' but not '\(missing)': give both, or neither and the tokens to encode"
        case .embeddingWidthMismatch(let tensor, let side, let embeddingWidth, let givenWidth):
            return "'\(tensor)' would be embedded from the \(side) tokens with width \(embeddingWidth), but the other sequence given in the spec has width \(givenWidth): give '\(tensor)' in the spec too"
        case .unreadableSpec(let file, let reason):
            return "\(file): \(reason)"
        case .unknownKey(let key, let path, let file, let suggestion):
            return "\(file): unknown key '\(printable(key))' \(path)\(suggestion.map { "; did you mean '\($0)'?" } ?? "")"
        case .shapeMismatch(let tensor, let expected, let found, let because):
            return "tensor '\(tensor)' has shape \(found), expected \(expected) (\(because))"
        case .notAMatrix(let tensor, let shape):
            return "tensor '\(tensor)' has shape \(shape), but it must be a matrix (or a vector, read as one row)"
        case .emptyTensor(let tensor, let shape):
            return "tensor '\(tensor)' has shape \(shape): every dimension must be at least 1"
        case .nonFinite(let tensor, let index):
            return "tensor '\(tensor)' has a non-finite value (NaN, infinity or null) at \(index.map { "[\($0)]" }.joined())"
        case .unexpectedTensor(let name, let variant, let expected):
            let suggestion = closestName(to: name, among: expected).map { "; did you mean '\($0)'?" } ?? ""
            return "tensor '\(printable(name))' is not used by variant '\(variant)', which reads: \(expected.joined(separator: ", "))\(suggestion)"
        case .invalidOption(_, _, let reason):
            return reason
        case .optionNotApplicable(let option, let variant):
            let users = Variant.registered.filter { $0.options.contains(option) }.map(\.rawValue)
            return "option '\(option.rawValue)' does not apply to variant '\(variant)'; it applies to: \(users.joined(separator: ", "))"
        case .conflictingOption(let option, let value, let origin, let variant, let implied):
            let place = origin == .spec ? "in the spec" : names.requestOrigin
            return "option '\(option.rawValue)' is \(value) \(place), but variant '\(variant)' means \(option.rawValue) = \(implied); leave the option out or choose another variant"
        case .headsDoNotDivide(let heads, let width):
            return "heads = \(heads) does not divide d_model = \(width): each head needs d_model / heads columns"
        case .unknownWord(let word, let side, let model, let suggestions):
            let closest = suggestions.isEmpty ? "" : "; closest known: \(suggestions.map { "'\($0)'" }.joined(separator: ", "))"
            return "the \(side) word '\(word)' is not in the vocabulary of the model \(model)\(closest); \(names.useSeededParameters) to trace any words"
        case .modelNotApplicable(let variant, let model, let attention, let tracer):
            return "variant '\(variant)' does not trace \(model): it is an RNNsearch model with \(attention), traced by variant '\(tracer)'; \(names.useSeededParameters) for '\(variant)'"
        case .noInitialModel(let variant):
            let variants = Variant.allCases.filter { $0.tracedScore != nil }.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            return "variant '\(variant)' has no shipped model to take initial parameters from; they are for \(variants)"
        case .modelWithGivenTensors(let model, let tensors):
            return "\(names.spec) gives \(tensors.map { "'\($0)'" }.joined(separator: ", ")), which would replace the parameters of the model \(model): leave the tensors out, or \(names.useSeededParameters)"
        case .unreadableModel(let model, let reason):
            return "the shipped model \(model) cannot be read: \(reason); \(names.useSeededParameters)"
        case .malformedComparedVariant(let entry, let reason):
            return "cannot read the variant '\(printable(entry))': \(reason)"
        case .pretrainedIndexOutOfRange(let what, let index, let count, let model):
            return "\(what) \(index) is out of range: \(model) has \(what)s 0 to \(count - 1)"
        case .unusableCheckpoint(let model, let reason):
            return "\(model): \(reason)"
        case .comparedSidesDiffer(let first, let other):
            func rows(_ entry: ComparedVariant) -> String {
                entry.attendsFromTarget ? "target words over the source" : "the source over itself"
            }
            return "'\(first.label)' and '\(other.label)' cannot share a page: the rows of \(first.label) are \(rows(first)), "
                + "those of \(other.label) \(rows(other)); compare variants of one kind"
        case .overflow(let tensor, let index, let largest):
            return "the computation overflowed: \(tensor)\(index.map { "[\($0)]" }.joined()) is not a finite number; "
                + "the given tensors are too large (the largest magnitude is \(largest)), scale them down"
        case .tooLarge(let estimate, let limit):
            return "this trace would need about \(gigabytes(estimate.bytes)) of memory (\(estimate.dimensions)), more than the limit of \(gigabytes(limit)); \(names.raiseMemoryLimit)"
        }
    }
}

/// A byte count in gigabytes with one decimal, such as "2.5 GB".
private func gigabytes(_ bytes: Int) -> String {
    let value = Double(bytes) / 1e9
    return value >= 1000 ? "\(Int(value.rounded())) GB" : "\((value * 10).rounded() / 10) GB"
}
