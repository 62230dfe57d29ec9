/// The candidate closest to `name` by edit distance, for a "did you mean" suggestion, or `nil`
/// when none is close: within a third of the longer name's length (at least 2 edits).
///
/// The distance is Levenshtein's: the fewest insertions, deletions and substitutions of one
/// character that turn one name into the other, ignoring case.
///
/// - Complexity: O(*m* · *n*) per candidate, for names of *m* and *n* characters.
func closestMatch(to name: String, among candidates: [String]) -> String? {
    let target = Array(name.lowercased())
    var best: (candidate: String, distance: Int)?
    for candidate in candidates {
        let other = Array(candidate.lowercased())
        let distance = editDistance(target, other)
        let allowed = max(2, max(target.count, other.count) / 3)
        if distance <= allowed, distance < (best?.distance ?? .max) { best = (candidate, distance) }
    }
    return best?.candidate
}

/// Levenshtein's distance between two character arrays, one row of the table at a time.
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
