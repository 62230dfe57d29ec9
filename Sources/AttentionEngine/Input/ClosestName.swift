/// The name among `candidates` closest to `name` in edit distance, ignoring case, when it
/// is close enough to be a likely typo: at most a third of the longer name's characters
/// (and at least one) differ. `nil` when nothing is that close.
///
/// The distance is Levenshtein's (insertions, deletions and substitutions each cost 1).
///
/// - Complexity: O(|name| · Σ |candidate|).
func closestName(to name: String, among candidates: [String]) -> String? {
    let typed = Array(name.lowercased())
    var best: (candidate: String, distance: Int)?
    for candidate in candidates {
        let known = Array(candidate.lowercased())
        let distance = editDistance(typed, known)
        let allowed = max(1, max(typed.count, known.count) / 3)
        if distance <= allowed, distance < (best?.distance ?? .max) {
            best = (candidate, distance)
        }
    }
    return best?.candidate
}

/// Levenshtein distance between two character sequences, one row at a time.
private func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    var previous = Array(0...b.count)
    for (i, x) in a.enumerated() {
        var current = [i + 1] + Array(repeating: 0, count: b.count)
        for (j, y) in b.enumerated() {
            current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
