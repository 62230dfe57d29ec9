/// The fields of one grammar line, read against the keys its kind allows.
///
/// Creating it checks that every key is one the kind knows (an unknown key is an error with
/// a did-you-mean) and that every required key is there; the accessors then check each value.
struct EntryFields {
    private let line: GrammarLine
    private let values: [String: String]

    /// Reads `line` as an entry with `required` and `optional` keys.
    ///
    /// - Throws: ``GrammarError`` naming an unknown key (with the nearest known one) or a missing one.
    init(_ line: GrammarLine, required: [String], optional: [String] = []) throws {
        self.line = line
        let known = required + optional
        for (key, _) in line.fields where !known.contains(key) {
            throw line.error("\(line.kind) has no key '\(key)'\(Suggestion.didYouMean(key, among: known)); its keys are \(known.joined(separator: ", "))")
        }
        values = Dictionary(line.fields.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        if let missing = required.first(where: { values[$0] == nil }) {
            throw line.error("\(line.kind) needs '\(missing)='")
        }
    }

    /// The value of a required key that is one token (a word of a sentence).
    func word(_ key: String) throws -> String {
        try checkedWord(key, value(key))
    }

    /// The value of an optional key that is one token, or `nil`.
    func optionalWord(_ key: String) throws -> String? {
        try values[key].map { try checkedWord(key, $0) }
    }

    /// The names listed, separated by commas, under a required key.
    func names(_ key: String) throws -> Set<String> {
        let names = try value(key).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        if let bad = names.first(where: { $0.isEmpty || !$0.allSatisfy { $0.isLetter || $0 == "-" } }) {
            throw line.error("\(key)= lists '\(bad)', which is not a name (letters and '-', separated by commas)")
        }
        return Set(names)
    }

    /// A whole number under a required key.
    func integer(_ key: String) throws -> Int {
        let text = try value(key)
        guard let number = Int(text) else { throw line.error("\(key)= must be a whole number, got '\(text)'") }
        return number
    }

    /// A probability, from 0 to 1, under a required key.
    func probability(_ key: String) throws -> Double {
        let text = try value(key)
        guard let number = Double(text), number >= 0, number <= 1 else {
            throw line.error("\(key)= must be a probability from 0 to 1, got '\(text)'")
        }
        return number
    }

    /// One of `Choice`'s raw values under a required key.
    func choice<Choice: RawRepresentable & CaseIterable>(_ key: String, as type: Choice.Type = Choice.self) throws -> Choice
    where Choice.RawValue == String {
        try parse(key, try value(key), as: Choice.self)
    }

    /// `yes` or `no` under an optional key, or `nil`.
    func optionalFlag(_ key: String) throws -> Bool? {
        try values[key].map { try parse(key, $0, as: Flag.self) == .yes }
    }

    private enum Flag: String, CaseIterable { case yes, no }

    private func parse<Choice: RawRepresentable & CaseIterable>(_ key: String, _ text: String, as type: Choice.Type) throws -> Choice
    where Choice.RawValue == String {
        guard let choice = Choice(rawValue: text) else {
            let names = Choice.allCases.map(\.rawValue)
            throw line.error("\(key)= must be one of \(names.joined(separator: ", ")), got '\(text)'\(Suggestion.didYouMean(text, among: names))")
        }
        return choice
    }

    private func value(_ key: String) throws -> String {
        guard let value = values[key] else { throw line.error("\(line.kind) needs '\(key)='") }
        return value
    }

    private func checkedWord(_ key: String, _ value: String) throws -> String {
        guard TokenSpelling.isToken(value) else {
            throw line.error("\(key)='\(value)' is not one lower-case token (a word, a word ending in an apostrophe, or one punctuation mark)")
        }
        return value
    }
}
