/// One token of the check language, with the character range it came from.
struct Token: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        /// `1`, `-0.5` is a minus and `0.5`; `1e-12`.
        case number(Double)
        /// `"yesterday"`, with `\"` and `\\` unescaped.
        case string(String)
        /// A name: `weights`, `t0.score.scores`, or anything in backquotes.
        case name(String)
        /// `true`, `false`, `and`, `or`, `not`.
        case keyword(String)
        /// Punctuation and operators: `( ) [ ] , : + - * / == != < <= > >= ±` (`+-` is read as `±`).
        case symbol(String)
        /// The end of the expression.
        case end
    }

    let kind: Kind
    /// The characters the token covers, as offsets into the ``CheckSource`` text.
    let range: Range<Int>

    /// How the token reads in a message: `']'`, `the number 7`, `the end of the check`.
    var spelling: String {
        switch kind {
        case .number(let value): "the number \(formatNumber(value))"
        case .string(let text): "the string \"\(text)\""
        case .name(let name): "the name '\(name)'"
        case .keyword(let word): "'\(word)'"
        case .symbol(let symbol): "'\(symbol)'"
        case .end: "the end of the check"
        }
    }
}
