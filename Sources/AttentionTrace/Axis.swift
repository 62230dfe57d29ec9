/// One dimension of a traced tensor: what it indexes and, where meaningful, a label per index.
///
/// Rows of an alignment matrix are target tokens and its columns source tokens;
/// the columns of an encoder state are hidden dimensions, which have no labels
/// and are shown by their 0-based index.
public struct Axis: Codable, Hashable, Sendable {
    /// What the axis indexes, such as `"source"`, `"target"`, `"dimension"` or `"head"`.
    public var name: String
    /// One label per index (token spellings), or `nil` to show indices.
    public var labels: [String]?

    /// Creates an axis.
    public init(name: String, labels: [String]? = nil) {
        self.name = name
        self.labels = labels
    }

    /// The label shown for index `i`: the token spelling, or the index itself.
    public func label(_ i: Int) -> String {
        labels.map { $0[i] } ?? String(i)
    }
}
