import AttentionTrace

/// The candidate closest to `name` by edit distance, for a "did you mean" suggestion, or `nil`
/// when none is close: within a third of the longer name's length (at least 2 edits); see
/// ``AttentionTrace/closestNames(to:among:minimumAllowance:limit:)``.
func closestMatch(to name: String, among candidates: [String]) -> String? {
    closestNames(to: name, among: candidates, minimumAllowance: 2).first
}
