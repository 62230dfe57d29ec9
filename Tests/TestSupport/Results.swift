import AttentionTrace

extension TraceResult {
    /// A result that keeps every number of `values`, repeating the step tensors `sources`;
    /// its axes are unlabelled (`axis 0`, `axis 1`, …) unless given.
    public static func numbers(_ values: Tensor, sources: [TensorID] = [], axes: [Axis]? = nil) -> TraceResult {
        TraceResult(sources: sources, axes: axes ?? values.shape.indices.map { Axis(name: "axis \($0)") },
                    recorded: .full(values))
    }
}
