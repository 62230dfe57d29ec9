import AttentionTrace

/// Why a cell could not be explained: the tensor or cell asked for is not in the trace,
/// or the trace keeps only a summary of its numbers.
public enum DerivationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A cell asked for in a tensor the trace does not hold; `available` lists the identifiers it does.
    case unknownTensor(id: TensorID, available: [TensorID])
    /// A cell index with the wrong number of coordinates or outside the tensor's shape.
    case cellOutOfRange(id: TensorID, index: [Int], shape: [Int])
    /// A cell asked for in a tensor whose numbers the trace's recording policy did not keep.
    case numbersNotKept(id: TensorID, largestStoredTensor: Int)

    /// A message naming the tensor or cell and what is wrong with it.
    public var description: String {
        switch self {
        case .unknownTensor(let id, let available):
            "the trace has no tensor '\(id)'; it has "
                + (available.count > 12 ? available.prefix(12).joined(separator: ", ") + ", … (\(available.count) in all)"
                                        : available.joined(separator: ", "))
        case .cellOutOfRange(let id, let index, let shape):
            "\(id)[\(index.map(String.init).joined(separator: ","))] is outside the tensor: its shape is "
                + (shape.isEmpty ? "scalar" : shape.map(String.init).joined(separator: " × "))
                + ", so give \(max(shape.count, 1)) index\(shape.count == 1 ? "" : "es") from 0"
        case .numbersNotKept(let id, let largest):
            "the trace keeps only a summary of \(id), which has more than \(largest) numbers; trace with --full to keep every number"
        }
    }
}
