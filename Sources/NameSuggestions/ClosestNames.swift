/// Up to `limit` names among `candidates` close enough to `name` to be what was meant, closest
/// first (ties in the order of `candidates`): the list behind "closest known: …", where one
/// suggestion is too few (a word that is not in a model's vocabulary may be near several).
///
/// Close enough is ``closestName(to:among:)``'s rule: at most a third of the longer name's
/// characters differ, and always when one edit does; the first name this returns is the one
/// ``closestName(to:among:)`` returns.
///
/// - Complexity: O(*m* · Σ *n* + *k* log *k*) for a name of *m* characters, candidates of *n*
///   and *k* close ones.
public func closestNames(to name: String, among candidates: some Sequence<String>, limit: Int) -> [String] {
    let typed = Array(name.lowercased())
    let close = candidates.enumerated().compactMap { index, candidate -> (candidate: String, distance: Int, index: Int)? in
        let known = Array(candidate.lowercased())
        let distance = editDistance(typed, known)
        return distance <= max(1, max(typed.count, known.count) / 3) ? (candidate, distance, index) : nil
    }
    return close.sorted { ($0.distance, $0.index) < ($1.distance, $1.index) }.prefix(limit).map(\.candidate)
}
