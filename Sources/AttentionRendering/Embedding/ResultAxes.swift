import AttentionTrace

extension Trace {
    /// The axes of the result tensor `name`, labelled as its trace page labels them.
    ///
    /// A result holding the same values as a step tensor takes that tensor's axes
    /// (so `weights` usually has target tokens on rows and source tokens on
    /// columns); otherwise `weights` is labelled from the trace's tokens and any
    /// other result has unlabelled axes.
    ///
    /// - Parameter name: A key of ``result``, such as `weights` or `context`.
    /// - Returns: One axis per dimension, or `nil` when the trace has no such result.
    public func axes(ofResult name: String) -> [Axis]? {
        result[name].map { TensorDisplay(result: name, values: $0, in: self).axes }
    }
}
