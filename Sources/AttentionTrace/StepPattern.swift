import Foundation

/// A step-id pattern of a `show` list: literal text with `*` matching any run of characters (dots included).
///
/// `t7.*` matches `t7.score` and `t7.weighted-sum`; `*.normalise` matches every normalise step.
/// A lesson's `{trace}` block and `attention-trace trace --show` read the same patterns.
public struct StepPattern: Sendable, Hashable, CustomStringConvertible {
    public let description: String

    /// A pattern written as `pattern`.
    public init(_ pattern: String) {
        description = pattern
    }

    /// Whether `id` matches the whole pattern.
    public func matches(_ id: String) -> Bool {
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

/// The steps a page shows: every step, or those matching one of a list of ``StepPattern``s.
public struct StepSelection: Sendable, Hashable {
    /// The patterns; empty means every step.
    public let patterns: [StepPattern]

    /// Every step.
    public static let all = StepSelection(patterns: [])

    /// The selection of a comma-separated list such as `t0.*, encode`; spaces around each pattern are ignored.
    public init(list: String) {
        self.init(patterns: list.split(separator: ",").map { StepPattern($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
    }

    /// The selection of `patterns`.
    public init(patterns: [StepPattern]) {
        self.patterns = patterns
    }

    /// Whether the selection shows `step`.
    public func includes(_ step: Step) -> Bool {
        patterns.isEmpty || patterns.contains { $0.matches(step.id) }
    }

    /// The first pattern that matches none of `steps`, which is an error where it was written.
    public func firstUnmatched(in steps: [Step]) -> StepPattern? {
        patterns.first { pattern in !steps.contains { pattern.matches($0.id) } }
    }
}

extension Trace {
    /// This trace with only the steps `selection` includes, in their order; the input,
    /// result and warnings stay whole.
    public func showing(_ selection: StepSelection) -> Trace {
        var shown = self
        shown.steps = steps.filter(selection.includes)
        return shown
    }
}
