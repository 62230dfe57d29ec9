import AttentionTrace

extension Trace {
    /// A sentence saying where the trace's parameters came from, as its trace page
    /// states it at the top: drawn from the seed (and so untrained), given in a spec,
    /// or recorded from elsewhere; `nil` when the trace records no source tensor.
    ///
    /// Read from the provenance the trace recorded, so a lesson that shows some of
    /// a trace's steps can say the same as the trace page does.
    public var parameterOrigin: String? {
        ParameterOrigin(self).sentence()
    }
}
