/// One entry of a grammar file: its kind and its `key=value` fields, with where it stands.
///
/// A line is `kind key=value key=value …`; `#` starts a comment. A `train` line is the
/// exception: everything after the kind is an English sentence.
struct GrammarLine: Sendable {
    /// The file the line is in, for errors.
    var file: String
    /// The 1-based line number.
    var number: Int
    /// The first word: `noun`, `adjective`, `verb`, …
    var kind: String
    /// The fields in the order written.
    var fields: [(key: String, value: String)]
    /// Everything after the kind, for a `train` line.
    var rest: String

    /// The entries of `text`, skipping blank lines and comments.
    ///
    /// - Throws: ``GrammarError`` for a field without `=`, with an empty key or value, or
    ///   given twice on a line.
    static func lines(of text: String, file: String) throws -> [GrammarLine] {
        var lines: [GrammarLine] = []
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let content = raw.prefix { $0 != "#" }
            let words = content.split(whereSeparator: \.isWhitespace).map(String.init)
            guard let kind = words.first else { continue }
            let rest = content.drop { $0.isWhitespace }.dropFirst(kind.count).trimmingWhitespace()
            var line = GrammarLine(file: file, number: index + 1, kind: kind, fields: [], rest: rest)
            if kind != "train" {
                for word in words.dropFirst() {
                    let parts = word.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                    guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                        throw line.error("'\(word)' is not a key=value field")
                    }
                    let key = String(parts[0])
                    if line.fields.contains(where: { $0.key == key }) { throw line.error("'\(key)' is given twice") }
                    line.fields.append((key, String(parts[1])))
                }
            }
            lines.append(line)
        }
        return lines
    }

    /// An error on this line.
    func error(_ message: String) -> GrammarError {
        GrammarError(file: file, line: number, message)
    }
}

extension Substring {
    /// The text without leading and trailing whitespace.
    fileprivate func trimmingWhitespace() -> String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
