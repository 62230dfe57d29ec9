import AttentionTrace

/// The name among `candidates` closest to `name` in edit distance, ignoring case, when it
/// is close enough to be a likely typo: at most a third of the longer name's characters
/// (and at least one) differ; see ``AttentionTrace/closestNames(to:among:minimumAllowance:limit:)``.
/// `nil` when nothing is that close.
func closestName(to name: String, among candidates: [String]) -> String? {
    closestNames(to: name, among: candidates, minimumAllowance: 1).first
}
