/// `text` with every control character written as an escape (`\n`, `\u{7}`), so that a
/// name taken from user input stays on the one line of its error message.
func printable(_ text: String) -> String {
    String(text.unicodeScalars.flatMap { scalar in
        scalar.properties.generalCategory == .control ? Array(scalar.escaped(asASCII: true).unicodeScalars) : [scalar]
    }.map(Character.init))
}
