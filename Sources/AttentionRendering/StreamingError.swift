import AttentionJSON

/// Why rendering into a ``ByteSink`` stopped: the trace has a value its format cannot
/// hold, or the sink could not take the bytes.
///
/// Bytes written before the failure stay in the sink, so a caller writing a file
/// writes a temporary one and renames it only on success.
public enum StreamingError<SinkFailure: Error>: Error, CustomStringConvertible {
    /// The trace could not be rendered, such as a NaN on its way into JSON.
    case rendering(RenderingError)
    /// The sink failed, such as a disk that is full.
    case sink(SinkFailure)

    /// The message of the underlying error.
    public var description: String {
        switch self {
        case .rendering(let error): error.description
        case .sink(let failure): "\(failure)"
        }
    }
}

extension StreamingError {
    /// The same failure of the JSON writer: an unencodable value is a rendering error.
    init(_ error: JSONStreamingError<SinkFailure>) {
        switch error {
        case .unencodable(let value): self = .rendering(.unencodable(path: value.path, reason: value.reason))
        case .sink(let failure): self = .sink(failure)
        }
    }
}

extension StreamingError: Equatable where SinkFailure: Equatable {}
