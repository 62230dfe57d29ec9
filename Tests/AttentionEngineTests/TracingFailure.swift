import AttentionEngine

/// The message `request` is refused with, or `nil` when it traces.
func failure(_ request: TraceRequest) -> String? {
    do {
        _ = try AttentionTracer().trace(request)
        return nil
    } catch {
        return "\(error)"
    }
}
