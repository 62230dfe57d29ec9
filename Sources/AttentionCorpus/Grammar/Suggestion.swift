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

    /// The optimal-string-alignment distance: the fewest insertions, deletions, substitutions
    /// and swaps of two neighbouring characters that turn `a` into `b` (Levenshtein's distance
    /// with swaps, so the typo "cta" is one edit from "cat"), by the usual row-by-row programme.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
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
}
