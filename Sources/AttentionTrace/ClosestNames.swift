/// The candidates closest to `name` in edit distance, ignoring case, closest first (ties in
/// the candidates' order), for a "did you mean" suggestion: those within a third of the longer
/// name's characters, and at least `minimumAllowance` edits.
///
/// The distance is Levenshtein's: the fewest insertions, deletions and substitutions of one
/// character that turn one name into the other.
///
/// - Parameters:
///   - name: What was typed.
///   - candidates: The names that exist.
///   - minimumAllowance: How many edits are allowed however short the names are.
///   - limit: The most names returned.
/// - Returns: Up to `limit` candidates; none when nothing is that close.
/// - Complexity: O(|name| · Σ |candidate|).
public func closestNames(to name: String, among candidates: [String], minimumAllowance: Int = 1,
                         limit: Int = 1) -> [String] {
    let typed = Array(name.lowercased())
    let scored = candidates.enumerated().compactMap { order, candidate -> (String, Int, Int)? in
        let known = Array(candidate.lowercased())
        let distance = editDistance(typed, known)
        return distance <= max(minimumAllowance, max(typed.count, known.count) / 3) ? (candidate, distance, order) : nil
    }
    var seen = Set<String>()
    return scored.sorted { ($0.1, $0.2) < ($1.1, $1.2) }.map(\.0).filter { seen.insert($0).inserted }.prefix(limit).map { $0 }
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
