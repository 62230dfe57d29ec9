/// The "did you mean" of an unknown name: the closest of the known names.
enum Suggestion {
    /// ` (did you mean 'x'?)` for the known name nearest to `name` in edit distance, when it
    /// is at most a third of the longer name's length away (at least 1, at most 3); otherwise
    /// an empty string.
    static func didYouMean(_ name: String, among known: some Sequence<String>) -> String {
        let scored = known.map { (candidate: $0, distance: editDistance(name, $0)) }
        guard let best = scored.min(by: { ($0.distance, $0.candidate) < ($1.distance, $1.candidate) }) else { return "" }
        let allowed = min(3, max(1, max(name.count, best.candidate.count) / 3))
        return best.distance <= allowed ? " (did you mean '\(best.candidate)'?)" : ""
    }

    /// The Levenshtein distance: the fewest insertions, deletions and substitutions of
    /// characters that turn `a` into `b`, by the usual row-by-row dynamic programme.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let b = Array(b)
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j] + (x == y ? 0 : 1), previous[j + 1] + 1, current[j] + 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
