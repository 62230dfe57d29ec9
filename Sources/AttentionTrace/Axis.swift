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

    /// The position `label` names: its first occurrence, as lesson checks and
    /// `explain --cell` read `weights["hier","zoo"]`.
    ///
    /// - Returns: The 0-based position, or `nil` when the axis has no such label, or no labels.
    public func position(ofLabel label: String) -> Int? {
        labels?.firstIndex(of: label)
    }

    /// The label shown for index `i`: the token spelling, or the index itself.
    public func label(_ i: Int) -> String {
        labels.map { $0[i] } ?? String(i)
    }
}
