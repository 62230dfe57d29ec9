/// The name among `candidates` closest to `name`, for a "did you mean" suggestion, or `nil`
/// when none is close enough to be a likely typo.
///
/// Names are compared ignoring case by their optimal-string-alignment distance: the fewest
/// insertions, deletions and substitutions of one character, and swaps of two neighbouring
/// characters, that turn one name into the other (so `windw` is one edit from `window`, and
/// `cta` one from `cat`). A candidate is close enough when at most a third of the longer
/// name's characters differ, and always when one edit does. Of several equally close
/// candidates, the first wins.
///
/// - Complexity: O(*m* · Σ *n*) for a name of *m* characters and candidates of *n*.
public func closestName(to name: String, among candidates: some Sequence<String>) -> String? {
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

/// The optimal-string-alignment distance between two character arrays, by the usual
/// row-by-row programme (Levenshtein's, plus a swap of two neighbours costing 1).
func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    var beforePrevious: [Int] = []
    var previous = Array(0...b.count)
    for i in a.indices {
        var current = [i + 1]
        for j in b.indices {
            var distance = min(previous[j] + (a[i] == b[j] ? 0 : 1), previous[j + 1] + 1, current[j] + 1)
            if i > 0, j > 0, a[i] == b[j - 1], a[i - 1] == b[j] { distance = min(distance, beforePrevious[j - 1] + 1) }
            current.append(distance)
        }
        (beforePrevious, previous) = (previous, current)
    }
    return previous[b.count]
}
