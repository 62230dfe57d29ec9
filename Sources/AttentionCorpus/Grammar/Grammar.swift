import Foundation

/// A synchronous English→French grammar: the vocabulary, the agreement and word-order facts,
/// and the weights of the constructions the corpus is drawn from.
///
/// A grammar is read from a line-based data file (the package's own is
/// `Resources/grammar.txt`; Docs/corpus.md describes the format). The constructions
/// themselves — noun phrases, relative clauses, statements, descriptions, time phrases — are
/// this module's code; the file says which words fill them and how often each is drawn.
public struct Grammar: Sendable {
    /// The kind of noun that "who" follows; "that" follows every other.
    static let personKind = "person"

    /// Each side of every pair has a length in this range.
    var lengths: ClosedRange<Int>
    /// The relative weight of each construction, in ``Construction/allCases`` order.
    var weights: [(construction: Construction, weight: Int)]
    var chances: Chances
    var words: FunctionWords
    /// The determiners a noun phrase may have instead of "the".
    var determiners: [Determiner]
    var nouns: [Noun]
    var compounds: [Compound]
    var adjectives: [Adjective]
    var verbs: [Verb]
    var adverbs: [WordPair]
    var months: [WordPair]
    var years: [String]
    var periods: [Period]
    /// French words whose elision the file states (`homme` elides though it starts with h).
    var elisionExceptions: [String: Bool]
    /// The sentences every training split holds, derived from the file's `train` lines.
    var trainSentences: [Sentence]

    /// The pair the grammar makes of an English sentence, with its gold alignment.
    ///
    /// The sentence is tokenised as the engine does (lower-cased words and punctuation) and
    /// read with the grammar's constructions; it must be one the grammar can generate, spelled
    /// as the grammar spells it ("who" after a person, "that" otherwise; "is" or "are" by number).
    ///
    /// - Parameter sentence: An English sentence, such as `the man who visited the zoo yesterday`.
    /// - Returns: The sentence's tokens, its French translation and the alignment.
    /// - Throws: ``GrammarError`` saying where the sentence leaves the grammar.
    public func pair(translating sentence: String) throws -> SentencePair {
        let tokens = TokenSpelling.tokens(of: sentence)
        return Realizer(grammar: self).pair(for: try SourceParser.derivation(of: tokens, in: self))
    }

    /// Whether a French article or `ne` before `word` is elided (`l'`, `n'`): as the file says for
    /// the word, else whether it starts with a vowel.
    func elides(before word: String) -> Bool {
        elisionExceptions[word] ?? TokenSpelling.startsWithVowel(word)
    }

    /// The system's reason for a failed read, such as "no such file or directory".
    private static func reason(_ error: Error) -> String {
        var current = error as NSError
        while let underlying = current.userInfo[NSUnderlyingErrorKey] as? NSError { current = underlying }
        if current.domain == NSPOSIXErrorDomain {
            let message = String(cString: strerror(Int32(current.code)))
            return message.prefix(1).lowercased() + message.dropFirst()
        }
        switch CocoaError.Code(rawValue: current.code) {
        case .fileNoSuchFile, .fileReadNoSuchFile: return "no such file or directory"
        case .fileReadNoPermission: return "permission denied"
        default: return current.localizedDescription
        }
    }
}

extension Grammar {
    /// The grammar shipped with the package, `grammar.txt`.
    ///
    /// - Throws: ``GrammarError`` if the resource is missing or malformed.
    public static func bundled() throws -> Grammar {
        guard let url = Bundle.module.url(forResource: "grammar", withExtension: "txt") else {
            throw GrammarError(file: "grammar.txt", "the package's grammar resource is missing")
        }
        return try Grammar(contentsOf: url)
    }

    /// Reads the grammar file at `url`.
    ///
    /// - Parameter url: A file URL; errors name it by its path as given.
    /// - Throws: ``GrammarError`` naming the file, the line and what was wrong: an unreadable
    ///   file, an unknown entry kind or key (with the nearest known one), a missing key, a bad
    ///   value, a reference to an unknown noun or kind, or a `train` sentence it cannot derive.
    public init(contentsOf url: URL) throws {
        let file = url.isFileURL ? url.relativePath : url.absoluteString
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw GrammarError(file: file, "cannot read the grammar file: \(Self.reason(error))")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw GrammarError(file: file, "the grammar file is not UTF-8 text")
        }
        try self.init(text: text, file: file)
    }

    /// Reads a grammar from the text of a grammar file.
    ///
    /// - Parameters:
    ///   - text: The file's contents.
    ///   - file: The name errors give the file.
    /// - Throws: ``GrammarError``, as ``init(contentsOf:)``.
    init(text: String, file: String) throws {
        self = try GrammarAssembler(file: file).grammar(from: GrammarLine.lines(of: text, file: file))
    }
}
