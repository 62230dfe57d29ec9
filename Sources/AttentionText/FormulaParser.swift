/// Parses ``Formula`` notation into a ``MathNode`` tree.
///
/// Beyond the notation documented on ``Formula``, a backslash command names a
/// symbol (`\top` ⊤, `\cdot` ·; ``symbolCommands``), a Greek letter (`\alpha` α;
/// ``letterCommands``) or, when it is neither, a function name set upright, as
/// in TeX (`\tanh`).
package struct FormulaParser {
    /// Why a formula could not be parsed; callers fall back to showing its text.
    package enum Failure: Error {
        case unbalancedBraces
        case missingArgument(after: String)
    }

    /// Commands that stand for an operator or symbol, such as `\top` for ⊤.
    package static let symbolCommands: [String: String] = [
        "top": "⊤", "cdot": "·", "times": "×", "odot": "⊙", "sum": "∑", "prod": "∏", "to": "→",
        "rightarrow": "→", "infty": "∞", "in": "∈", "le": "≤", "ge": "≥", "ne": "≠", "approx": "≈",
        "ldots": "…", "prime": "′",
    ]

    /// Commands that stand for a Greek letter, which is a variable like any single letter.
    package static let letterCommands: [String: String] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "theta": "θ",
        "lambda": "λ", "mu": "μ", "pi": "π", "sigma": "σ", "tau": "τ", "phi": "φ",
    ]

    /// Non-ASCII letters that are large operators rather than variables.
    private static let largeOperators: Set<Character> = ["Σ", "∑", "Π", "∏"]

    private let characters: [Character]
    private var position = 0

    /// Parses `text` completely.
    ///
    /// - Throws: ``Failure`` when braces do not balance or a command lacks its argument.
    package static func parse(_ text: String) throws(Failure) -> [MathNode] {
        var parser = FormulaParser(characters: Array(text))
        return try parser.sequence(closedByBrace: false)
    }

    private init(characters: [Character]) {
        self.characters = characters
    }

    private var current: Character? {
        position < characters.count ? characters[position] : nil
    }

    private mutating func sequence(closedByBrace: Bool) throws(Failure) -> [MathNode] {
        var nodes: [MathNode] = []
        while let character = current {
            switch character {
            case "}":
                guard closedByBrace else { throw .unbalancedBraces }
                position += 1
                return nodes
            case "_", "^":
                position += 1
                let script = try scriptArgument(after: String(character))
                attach(script, asSuperscript: character == "^", to: &nodes)
            default:
                nodes.append(try atom())
            }
        }
        if closedByBrace { throw .unbalancedBraces }
        return nodes
    }

    /// Attaches a script to the last node; a second script of the same kind nests.
    private func attach(_ script: MathNode, asSuperscript: Bool, to nodes: inout [MathNode]) {
        let base = nodes.popLast() ?? .row([])
        switch (base, asSuperscript) {
        case (.scripted(let inner, let sub, nil), true):
            nodes.append(.scripted(base: inner, subscript: sub, superscript: script))
        case (.scripted(let inner, nil, let sup), false):
            nodes.append(.scripted(base: inner, subscript: script, superscript: sup))
        default:
            nodes.append(.scripted(base: base, subscript: asSuperscript ? nil : script,
                                   superscript: asSuperscript ? script : nil))
        }
    }

    /// A script's argument: a `{group}`, a command, a run of digits, or a single character.
    ///
    /// Unlike TeX, `x_60` is x with the subscript 60 (TeX reads x₆0): the engine names the
    /// tensors of position 60 so, and nobody means the other reading.
    private mutating func scriptArgument(after marker: String) throws(Failure) -> MathNode {
        guard let character = current, character != "}", !character.isWhitespace else {
            throw .missingArgument(after: marker)
        }
        if character == "{" || character == "\\" { return try atom() }
        if character.isASCII && character.isNumber { return .number(run(while: { $0.isASCII && $0.isNumber })) }
        position += 1
        return singleCharacter(character)
    }

    private mutating func atom() throws(Failure) -> MathNode {
        guard let character = current else { throw .missingArgument(after: "") }
        if character.isWhitespace {
            while current?.isWhitespace == true { position += 1 }
            return .space
        }
        if character == "{" {
            position += 1
            return .row(try sequence(closedByBrace: true))
        }
        if character == "\\" {
            position += 1
            return try command()
        }
        if character.isASCII && character.isLetter {
            let name = run(while: { $0.isASCII && $0.isLetter })
            return name.count == 1 ? .identifier(name) : .functionName(name)
        }
        if character.isASCII && character.isNumber {
            return .number(run(while: { ($0.isASCII && $0.isNumber) || $0 == "." }))
        }
        position += 1
        return singleCharacter(character)
    }

    private func singleCharacter(_ character: Character) -> MathNode {
        if character.isASCII && character.isNumber { return .number(String(character)) }
        if character.isLetter && !Self.largeOperators.contains(character) { return .identifier(String(character)) }
        return .symbol(String(character))
    }

    /// The command after a backslash: `\frac`, `\sqrt`, a symbol, a function name, or an escaped character.
    private mutating func command() throws(Failure) -> MathNode {
        let name = run(while: { $0.isASCII && $0.isLetter })
        switch name {
        case "":
            guard let escaped = current else { return .symbol("\\") }
            position += 1
            return .symbol(String(escaped))
        case "frac":
            let numerator = try group(after: "\\frac")
            return .fraction(numerator: numerator, denominator: try group(after: "\\frac"))
        case "sqrt":
            return .squareRoot(try group(after: "\\sqrt"))
        default:
            if let symbol = Self.symbolCommands[name] { return .symbol(symbol) }
            if let letter = Self.letterCommands[name] { return .identifier(letter) }
            return .functionName(name)
        }
    }

    /// A required `{group}` argument, after optional whitespace.
    private mutating func group(after command: String) throws(Failure) -> MathNode {
        while current?.isWhitespace == true { position += 1 }
        guard current == "{" else { throw .missingArgument(after: command) }
        position += 1
        return .row(try sequence(closedByBrace: true))
    }

    private mutating func run(while belongs: (Character) -> Bool) -> String {
        let start = position
        while let character = current, belongs(character) { position += 1 }
        return String(characters[start..<position])
    }
}
