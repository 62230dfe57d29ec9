/// The minimum, maximum and mean of some values' unmasked entries, and how many are masked (−∞).
///
/// Pictures and the Markdown of huge tensors show it in place of every number.
struct ValueSummary: Equatable {
    /// The smallest unmasked value, or `nil` when every value is masked.
    let minimum: Double?
    /// The largest unmasked value, or `nil` when every value is masked.
    let maximum: Double?
    /// The mean of the unmasked values, or `nil` when every value is masked.
    let mean: Double?
    /// How many values are −∞.
    let maskedCount: Int

    /// Summarises `values` in one pass.
    ///
    /// - Complexity: O(`values.count`).
    init(_ values: some Sequence<Double>) {
        var low = Double.infinity, high = -Double.infinity, sum = 0.0, count = 0, masked = 0
        for value in values {
            if value == -.infinity { masked += 1; continue }
            low = min(low, value)
            high = max(high, value)
            sum += value
            count += 1
        }
        minimum = count > 0 ? low : nil
        maximum = count > 0 ? high : nil
        mean = count > 0 ? sum / Double(count) : nil
        maskedCount = masked
    }
}
