import Foundation

/// A step-id pattern of a `show` key: literal text with `*` matching any run of characters (dots included).
///
/// `t7.*` matches `t7.score` and `t7.weighted-sum`; `*.normalise` matches every normalise step.
struct StepPattern: Sendable, CustomStringConvertible {
    let description: String

    init(_ pattern: String) {
        description = pattern
    }

    /// Whether `id` matches the whole pattern.
    func matches(_ id: String) -> Bool {
        let parts = description.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        guard parts.count > 1 else { return id == description }
        guard let first = parts.first, let last = parts.last,
              id.hasPrefix(first), id.dropFirst(first.count).hasSuffix(last),
              id.count >= first.count + last.count else { return false }
        var rest = Substring(id.dropFirst(first.count).dropLast(last.count))
        for middle in parts.dropFirst().dropLast() where !middle.isEmpty {
            guard let range = rest.range(of: middle) else { return false }
            rest = rest[range.upperBound...]
        }
        return true
    }
}
