/// Splits a check expression into tokens.
///
/// Names are letters, digits and `_`, starting with a letter or `_`, with dots
/// between parts (`t0.score.scores`); any other name goes in backquotes
/// (`` `t0.weighted-sum.context` ``). Whitespace, including the newlines of
/// continuation lines, separates tokens.
struct Lexer {
    static let keywords: Set<String> = ["true", "false", "and", "or", "not"]
    private static let twoCharacterSymbols: Set<String> = ["==", "!=", "<=", ">=", "+-"]
    private static let oneCharacterSymbols: Set<Character> = ["(", ")", "[", "]", ",", ":", "+", "-", "*", "/", "<", ">", "±"]

    private let source: CheckSource
    private let characters: [Character]
    private var position = 0

    init(_ source: CheckSource) {
        self.source = source
        self.characters = Array(source.text)
    }

    /// Every token, ending with ``Token/Kind/end``.
    ///
    /// - Throws: ``LessonError`` at the offending character for an unknown character,
    ///   an unterminated string or backquote, or a malformed number.
    static func tokens(of source: CheckSource) throws(LessonError) -> [Token] {
        var lexer = Lexer(source)
        var tokens: [Token] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private mutating func next() throws(LessonError) -> Token {
        while position < characters.count, characters[position].isWhitespace { position += 1 }
        let start = position
        guard position < characters.count else { return Token(kind: .end, range: start..<start) }
        let character = characters[position]
        if character.isASCII, character.isNumber || (character == "." && peek(1)?.isASCII == true && peek(1)?.isNumber == true) {
            return try number()
        }
        if character == "\"" { return try string() }
        if character == "`" { return try backquoted() }
        if character.isLetter || character == "_" { return name() }
        if let next = peek(1), Self.twoCharacterSymbols.contains(String([character, next])) {
            position += 2
            let symbol = String([character, next])
            return Token(kind: .symbol(symbol == "+-" ? "±" : symbol), range: start..<position)
        }
        if Self.oneCharacterSymbols.contains(character) {
            position += 1
            return Token(kind: .symbol(String(character)), range: start..<position)
        }
        if character == "=" {
            throw source.error("unexpected '='; write '==' to compare", at: start)
        }
        throw source.error("unexpected character '\(character)'", at: start)
    }

    private func peek(_ ahead: Int) -> Character? {
        position + ahead < characters.count ? characters[position + ahead] : nil
    }

    private mutating func consumeDigits() -> Int {
        let start = position
        while position < characters.count, characters[position].isASCII, characters[position].isNumber { position += 1 }
        return position - start
    }

    private mutating func number() throws(LessonError) -> Token {
        let start = position
        _ = consumeDigits()
        if position < characters.count, characters[position] == "." {
            position += 1
            _ = consumeDigits()
        }
        if position < characters.count, characters[position] == "e" || characters[position] == "E" {
            position += 1
            if position < characters.count, characters[position] == "+" || characters[position] == "-" { position += 1 }
            guard consumeDigits() > 0 else {
                throw source.error("malformed number '\(String(characters[start..<position]))': the exponent needs digits",
                                   at: start)
            }
        }
        let text = String(characters[start..<position])
        guard let value = Double(text) else { throw source.error("malformed number '\(text)'", at: start) }
        return Token(kind: .number(value), range: start..<position)
    }

    private mutating func string() throws(LessonError) -> Token {
        let start = position
        position += 1
        var text = ""
        while position < characters.count, characters[position] != "\"" {
            if characters[position] == "\\", let escaped = peek(1), escaped == "\"" || escaped == "\\" {
                position += 1
            }
            text.append(characters[position])
            position += 1
        }
        guard position < characters.count else { throw source.error("unterminated string: add a closing '\"'", at: start) }
        position += 1
        return Token(kind: .string(text), range: start..<position)
    }

    private mutating func backquoted() throws(LessonError) -> Token {
        let start = position
        position += 1
        let nameStart = position
        while position < characters.count, characters[position] != "`" { position += 1 }
        guard position < characters.count else { throw source.error("unterminated name: add a closing '`'", at: start) }
        let name = String(characters[nameStart..<position])
        position += 1
        guard !name.isEmpty else { throw source.error("empty name in backquotes", at: start) }
        return Token(kind: .name(name), range: start..<position)
    }

    private mutating func name() -> Token {
        let start = position
        func isNameCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }
        while position < characters.count, isNameCharacter(characters[position]) { position += 1 }
        while position < characters.count, characters[position] == ".", let next = peek(1), isNameCharacter(next) {
            position += 1
            while position < characters.count, isNameCharacter(characters[position]) { position += 1 }
        }
        let text = String(characters[start..<position])
        return Token(kind: Self.keywords.contains(text) ? .keyword(text) : .name(text), range: start..<position)
    }
}
