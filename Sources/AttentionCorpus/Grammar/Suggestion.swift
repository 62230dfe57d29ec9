import NameSuggestions

/// The "did you mean" of an unknown name in a grammar file.
enum Suggestion {
    /// ` (did you mean 'x'?)` for the known name nearest to `name` (``closestName(to:among:)``),
    /// or an empty string when none is close.
    static func didYouMean(_ name: String, among known: some Sequence<String>) -> String {
        closestName(to: name, among: known).map { " (did you mean '\($0)'?)" } ?? ""
    }
}
