@testable import AttentionCorpus
import Foundation
import Testing
import TestSupport

/// Grammar files with one thing wrong: each gets one line naming the file, the line and the
/// key, with the nearest known name where there is one.
@Suite struct GrammarFileTests {
    /// The package's grammar file, read from the source tree.
    static let bundledText = Result {
        try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/AttentionCorpus/Resources/grammar.txt"), encoding: .utf8)
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        /// The line of the package's file to change, and what it becomes ("" deletes it).
        var line: String
        var replacement: String
        /// The error, where `{line}` stands for the number of the changed line.
        /// `{next}` stands for the number of the line after it.
        var message: String
        var testDescription: String { name }
    }

    static let cat = "noun en=cat fr=chat gender=masculine kinds=animal"

    static let cases: [Case] = [
        Case(name: "unknown entry", line: cat, replacement: "nuon en=cat fr=chat gender=masculine kinds=animal",
             message: "g.txt:{line}: unknown entry 'nuon' (did you mean 'noun'?)"),
        Case(name: "unknown key", line: cat, replacement: "noun en=cat fr=chat gendr=masculine kinds=animal",
             message: "g.txt:{line}: noun has no key 'gendr' (did you mean 'gender'?); its keys are en, fr, gender, kinds, en.plural, fr.plural, elides"),
        Case(name: "missing key", line: cat, replacement: "noun en=cat fr=chat kinds=animal",
             message: "g.txt:{line}: noun needs 'gender='"),
        Case(name: "bad choice", line: cat, replacement: "noun en=cat fr=chat gender=masculin kinds=animal",
             message: "g.txt:{line}: gender= must be one of masculine, feminine, got 'masculin' (did you mean 'masculine'?)"),
        Case(name: "not a field", line: cat, replacement: "noun en=cat fr=chat gender masculine kinds=animal",
             message: "g.txt:{line}: 'gender' is not a key=value field"),
        Case(name: "key given twice", line: cat, replacement: "noun en=cat fr=chat gender=masculine kinds=animal en=cat",
             message: "g.txt:{line}: 'en' is given twice"),
        Case(name: "not one lower-case token", line: cat, replacement: "noun en=cat fr=Chat gender=masculine kinds=animal",
             message: "g.txt:{line}: fr='Chat' is not one lower-case token (a word, a word ending in an apostrophe, or one punctuation mark)"),
        Case(name: "the same English noun twice", line: cat, replacement: "noun en=dog fr=chat gender=masculine kinds=animal",
             message: "g.txt:{next}: English noun 'dog' is already defined on line {line}"),
        Case(name: "unknown kind", line: "adjective en=black fr=noir position=after rank=4 kinds=animal,thing",
             replacement: "adjective en=black fr=noir position=after rank=4 kinds=animal,thnig",
             message: "g.txt:{line}: kinds= names 'thnig', which is no noun's kind (did you mean 'thing'?)"),
        Case(name: "a rank that is not a number", line: "adjective en=black fr=noir position=after rank=4 kinds=animal,thing",
             replacement: "adjective en=black fr=noir position=after rank=four kinds=animal,thing",
             message: "g.txt:{line}: rank= must be a whole number, got 'four'"),
        Case(name: "unknown noun in a compound", line: "compound modifier=zoo head=keeper",
             replacement: "compound modifier=zoo head=keepr",
             message: "g.txt:{line}: head='keepr' is not a noun (did you mean 'keeper'?)"),
        Case(name: "a probability above 1", line: "chance plural=0.3",
             replacement: "chance plural=1.3 determiner=0.5 adjective=0.55 second-adjective=0.4 compound=0.15 relative=0.45 negated-relative=0.25 time=0.5",
             message: "g.txt:{line}: plural= must be a probability from 0 to 1, got '1.3'"),
        Case(name: "determiners without their chance", line: "chance plural=0.3",
             replacement: "chance plural=0.3 adjective=0.55 second-adjective=0.4 compound=0.15 relative=0.45 negated-relative=0.25 time=0.5",
             message: "g.txt:{line}: chance needs 'determiner='"),
        Case(name: "a determiner without its plural", line: "determiner en=our",
             replacement: "determiner en=our fr=notre",
             message: "g.txt:{line}: determiner needs 'fr.plural='"),
        Case(name: "a determiner's unknown key", line: "determiner en=our",
             replacement: "determiner en=our fr=notre fr.plurel=nos",
             message: "g.txt:{line}: determiner has no key 'fr.plurel' (did you mean 'fr.plural'?); its keys are en, fr, fr.plural, en.plural, fr.elided, fr.feminine, fr.feminine.elided"),
        Case(name: "the same English determiner twice", line: "determiner en=my",
             replacement: "determiner en=your fr=mon fr.plural=mes",
             message: "g.txt:{next}: English determiner 'your' is already defined on line {line}"),
        Case(name: "a determiner that is the article", line: "determiner en=our",
             replacement: "determiner en=the fr=notre fr.plural=nos",
             message: "g.txt:{line}: determiner 'the' is the 'definite' line's article"),
        Case(name: "a train sentence with an unknown determiner", line: "train the big dog", replacement: "train thi big dog",
             message: "g.txt:{line}: cannot read 'thi big dog': at the start, expected 'the' or a determiner, found 'thi' (did you mean 'the'?)"),
        Case(name: "a train sentence whose determiner has the wrong number", line: "train the big dog", replacement: "train these big dog",
             message: "g.txt:{line}: 'these big dog' is not as the grammar writes it: 'this big dog'"),
        Case(name: "unknown construction", line: "construction name=statement weight=4",
             replacement: "construction name=statment weight=4",
             message: "g.txt:{line}: name= must be one of phrase, statement, negated-statement, description, negated-description, got 'statment' (did you mean 'statement'?)"),
        Case(name: "a missing function word", line: "copula ", replacement: "",
             message: "g.txt: no 'copula' line"),
        Case(name: "bad lengths", line: "lengths min=3 max=15", replacement: "lengths min=9 max=3",
             message: "g.txt:{line}: lengths need 1 ≤ min ≤ max, got min=9 max=3"),
        Case(name: "a train sentence the grammar cannot derive", line: "train the big dog", replacement: "train the big dgo",
             message: "g.txt:{line}: cannot read 'the big dgo': after 'the big', expected a noun, found 'dgo' (did you mean 'dog'?)"),
        Case(name: "a train sentence that is too short", line: "train the big dog", replacement: "train the dog",
             message: "g.txt:{line}: the English side of 'the dog' has 2 tokens, outside lengths 3–15"),
    ]

    @Test(arguments: cases)
    func isRefusedWithOneLine(_ badCase: Case) throws {
        let text = try Self.bundledText.get()
        var lines = text.components(separatedBy: "\n")
        let index = try #require(lines.firstIndex { $0.hasPrefix(badCase.line) }, "no line starts with \(badCase.line)")
        lines[index] = badCase.replacement
        let expected = badCase.message.replacingOccurrences(of: "{line}", with: String(index + 1))
            .replacingOccurrences(of: "{next}", with: String(index + 2))
        let error = #expect(throws: GrammarError.self) { try Grammar(text: lines.joined(separator: "\n"), file: "g.txt") }
        #expect(error?.description == expected)
    }

    @Test func readsWindowsLineEndings() throws {
        let text = try Self.bundledText.get().replacingOccurrences(of: "\n", with: "\r\n")
        let grammar = try Grammar(text: text, file: "g.txt")
        #expect(grammar.nouns.count == 61)
        let broken = text.replacingOccurrences(of: "train the big dog", with: "train the big dgo")
        let error = #expect(throws: GrammarError.self) { try Grammar(text: broken, file: "g.txt") }
        #expect(error?.line == 28)
    }

    @Test func theSecondOfASingleEntryIsRefused() throws {
        let text = try Self.bundledText.get() + "\nstop en=! fr=!\n"
        let stopLine = try #require(text.components(separatedBy: "\n").firstIndex { $0.hasPrefix("stop ") })
        let lastLine = text.components(separatedBy: "\n").count - 1
        #expect(throws: GrammarError(file: "g.txt", line: lastLine, "a second 'stop' line; the first is line \(stopLine + 1)")) {
            try Grammar(text: text, file: "g.txt")
        }
    }

    @Test func aMissingFileIsNamed() throws {
        let directory = try makeTemporaryDirectory()
        let url = directory.appendingPathComponent("absent.txt")
        #expect(throws: GrammarError(file: url.path, "cannot read the grammar file: no such file or directory")) {
            try Grammar(contentsOf: url)
        }
    }

    @Test func theBundledFileReadsAsThePackageFile() throws {
        let bundled = try Grammar.bundled()
        let source = try Grammar(text: Self.bundledText.get(), file: "grammar.txt")
        #expect(bundled.nouns.map(\.english.singular) == source.nouns.map(\.english.singular))
        #expect(bundled.trainSentences == source.trainSentences)
        #expect(bundled.nouns.count == 61)
    }

    @Test func anExtendedGrammarGeneratesItsNewWords() throws {
        let text = try Self.bundledText.get() + """

            noun en=wolf en.plural=wolves fr=loup gender=masculine kinds=animal
            adjective en=hungry fr=affamé position=after rank=0 kinds=animal
            train the hungry wolves
            """
        let grammar = try Grammar(text: text, file: "g.txt")
        let corpus = try CorpusGenerator(grammar: grammar, seed: 3).generate(trainCount: 2_000, heldOutCount: 0)
        #expect(corpus.train.contains { $0.targetText == "les loups affamés" && $0.alignment == [[0], [2], [1]] })
        let forms = Set(corpus.train.flatMap(\.target).filter { $0.hasPrefix("affam") })
        #expect(forms == ["affamé", "affamée", "affamés", "affamées"])
        #expect(corpus.train.filter { $0.source.contains("wolf") }.count > 5)
    }

    @Test func aGrammarThatRunsOutOfSentencesSaysSo() throws {
        var lines = try Self.bundledText.get().components(separatedBy: "\n")
        lines.removeAll { $0.hasPrefix("construction ") || $0.hasPrefix("train ") }
        lines.append("construction name=phrase weight=1")
        lines.append("chance plural=0 determiner=0 adjective=0 second-adjective=0 compound=0 relative=0 negated-relative=0 time=0")
        lines.removeAll { $0.hasPrefix("chance plural=0.3") }
        lines.append("lengths min=2 max=2")
        lines.removeAll { $0.hasPrefix("lengths min=3") }
        let grammar = try Grammar(text: lines.joined(separator: "\n"), file: "g.txt")
        // Only "the <noun>": one sentence per noun.
        #expect(throws: CorpusError.tooFewPairs(requested: 70, found: 61, draws: 13_500)) {
            try CorpusGenerator(grammar: grammar, seed: 1).generate(trainCount: 60, heldOutCount: 10)
        }
    }
}
