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

extension StreamingError where SinkFailure == Never {
    /// The rendering error, the only failure possible with a sink that cannot fail.
    var renderingError: RenderingError {
        switch self {
        case .rendering(let error): return error
        case .sink(let never): switch never {}
        }
    }
}

extension StreamingError: Equatable where SinkFailure: Equatable {}
