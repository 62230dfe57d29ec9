/// Why a trace could not be made. Each case carries what a user needs to fix the input,
/// and ``description`` is one line suitable for stderr.
public enum TraceError: Error, Equatable, CustomStringConvertible {
    /// The variant name is not one of ``Variant``'s.
    case unknownVariant(String)
    /// A sentence was given but tokenised to nothing.
    case emptySentence(side: String)
    /// The variant needs a target sentence or target-side tensors, and none was given.
    case missingTarget(variant: String)
    /// Neither a sentence nor a tensor provides something the variant needs.
    case missingInput(String)
    /// The input spec could not be read or parsed.
    case unreadableSpec(file: String, reason: String)
    /// A tensor's shape does not fit the others.
    case shapeMismatch(tensor: String, expected: [Int], found: [Int], because: String)
    /// A tensor that must be a matrix (or a vector, read as one row) has more dimensions.
    case notAMatrix(tensor: String, shape: [Int])
    /// A tensor holds NaN, an infinity or `null` at `index`.
    case nonFinite(tensor: String, index: [Int])
    /// The spec names a tensor the variant does not use.
    case unexpectedTensor(String, variant: String, expected: [String])
    /// An option is invalid or does not apply to the variant.
    case invalidOption(String)
    /// The trace would need more memory than the request allows.
    case tooLarge(TraceSizeEstimate, limit: Int)
    /// A computed entry overflowed to NaN or infinity, at `index` of the recorded tensor `tensor`;
    /// `largestInput` is the largest magnitude among the given tensors.
    case overflow(tensor: String, index: [Int], largestInput: Double)

    public var description: String {
        switch self {
        case .unknownVariant(let name):
            return "unknown variant '\(name)'; choose one of: \(Variant.allCases.map(\.rawValue).joined(separator: ", "))"
        case .emptySentence(let side):
            return "the \(side) sentence is empty: give at least one word"
        case .missingTarget(let variant):
            return "variant '\(variant)' needs a target: pass --target or give the target-side tensors in --input"
        case .missingInput(let message):
            return message
        case .unreadableSpec(let file, let reason):
            return "\(file): \(reason)"
        case .shapeMismatch(let tensor, let expected, let found, let because):
            return "tensor '\(tensor)' has shape \(found), expected \(expected) (\(because))"
        case .notAMatrix(let tensor, let shape):
            return "tensor '\(tensor)' has shape \(shape), but it must be a matrix (or a vector, read as one row)"
        case .nonFinite(let tensor, let index):
            return "tensor '\(tensor)' has a non-finite value (NaN, infinity or null) at \(index.map { "[\($0)]" }.joined())"
        case .unexpectedTensor(let name, let variant, let expected):
            return "tensor '\(name)' is not used by variant '\(variant)', which reads: \(expected.joined(separator: ", "))"
        case .invalidOption(let message):
            return message
        case .overflow(let tensor, let index, let largest):
            return "the computation overflowed: \(tensor)\(index.map { "[\($0)]" }.joined()) is not a finite number; "
                + "the given tensors are too large (the largest magnitude is \(largest)), scale them down"
        case .tooLarge(let estimate, let limit):
            return "this trace would need about \(gigabytes(estimate.bytes)) of memory (\(estimate.dimensions)), more than the limit of \(gigabytes(limit)); pass --max-memory GB to allow it"
        }
    }
}

/// A byte count in gigabytes with one decimal, such as "2.5 GB".
private func gigabytes(_ bytes: Int) -> String {
    let value = Double(bytes) / 1e9
    return value >= 1000 ? "\(Int(value.rounded())) GB" : "\((value * 10).rounded() / 10) GB"
}
