import AttentionMath
import AttentionTrace

/// The largest absolute difference between two equally shaped lists of numbers,
/// or infinity when their lengths differ.
public func maxAbsoluteDifference(_ a: [Double], _ b: [Double]) -> Double {
    guard a.count == b.count else { return .infinity }
    return zip(a, b).map { $0 == $1 ? 0 : abs($0 - $1) }.max() ?? 0
}

/// Whether two matrices have the same shape and agree entry by entry within `tolerance`.
public func isClose(_ a: Matrix, _ b: Matrix, tolerance: Double = 1e-12) -> Bool {
    a.shape == b.shape && maxAbsoluteDifference(a.scalars, b.scalars) <= tolerance
}

/// Whether two tensors have the same shape and agree entry by entry within `tolerance`.
public func isClose(_ a: Tensor, _ b: Tensor, tolerance: Double = 1e-12) -> Bool {
    a.shape == b.shape && maxAbsoluteDifference(a.scalars, b.scalars) <= tolerance
}
