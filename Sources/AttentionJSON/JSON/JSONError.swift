/// A value that JSON cannot represent, such as `+∞` or NaN, and where in the document it is.
public struct UnencodableValue: Error, Hashable, Sendable, CustomStringConvertible {
    /// The value's path from the document's root, such as `.result.context[0]`; empty for the root.
    public var path: String
    /// Why the value cannot be written, such as `NaN is not a JSON number`.
    public var reason: String

    /// Creates the error for the value at `path`.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// A message naming the value and what is wrong with it.
    public var description: String {
        "cannot encode \(path.isEmpty ? "the trace" : path) as JSON: \(reason)"
    }
}

/// Why writing JSON into a ``ByteSink`` stopped: a value JSON cannot hold, or a sink
/// that could not take the bytes.
///
/// Bytes written before the failure stay in the sink, so a caller writing a file
/// writes a temporary one and renames it only on success.
public enum JSONStreamingError<SinkFailure: Error>: Error, CustomStringConvertible {
    /// The value could not be encoded, such as a NaN half-way through a tensor.
    case unencodable(UnencodableValue)
    /// The sink failed, such as a disk that is full.
    case sink(SinkFailure)

    /// The message of the underlying error.
    public var description: String {
        switch self {
        case .unencodable(let value): value.description
        case .sink(let failure): "\(failure)"
        }
    }
}

extension JSONStreamingError: Equatable where SinkFailure: Equatable {}
