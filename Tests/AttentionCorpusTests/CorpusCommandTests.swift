import AttentionCorpus
import Foundation
import Testing
import TestSupport

/// `attention-trace corpus` through the built binary.
@Suite struct CorpusCommandTests {
    @Test func writesTheGeneratorsCorpusAsJSON() throws {
        let directory = try makeTemporaryDirectory()
        let result = try runAttentionTrace(["corpus", "--seed", "5", "--train", "40", "--held-out", "8", "--output", "c.json"], in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.isEmpty && result.standardError.isEmpty)
        let written = try JSONDecoder().decode(Corpus.self, from: Data(contentsOf: directory.appendingPathComponent("c.json")))
        let expected = try CorpusGenerator(grammar: Grammar.bundled(), seed: 5).generate(trainCount: 40, heldOutCount: 8)
        #expect(written == expected)
    }

    @Test func writesTabSeparatedPairsWithPharaohAlignments() throws {
        let result = try runAttentionTrace(["corpus", "--train", "2", "--held-out", "1", "--format", "tsv"])
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0] == "split\tsource\ttarget\talignment")
        #expect(lines[1] == "train\tthe man who visited the zoo yesterday\tl'homme qui a visité le zoo hier\t0-0 1-1 2-2 3-3 3-4 4-5 5-6 6-7")
        #expect(lines[2] == "train\tthe black cat\tle chat noir\t0-0 2-1 1-2")
        #expect(lines[3].hasPrefix("held-out\t"))
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var arguments: [String]
        var grammar: String?
        var message: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "negative count", arguments: ["--train=-1"], message: "Error: the train split needs 0 or more pairs, got -1"),
        Case(name: "more pairs than the grammar has", arguments: ["--train", "3", "--held-out", "5"],
             grammar: "lengths min=2 max=2\nconstruction name=phrase weight=1\nchance plural=0 adjective=0 second-adjective=0 compound=0 relative=0 negated-relative=0 time=0\ndefinite en=the fr.masculine=le fr.feminine=la fr.elided=l' fr.plural=les\nof fr=de fr.masculine=du\nrelative en.person=who en.other=that fr=qui\nauxiliary en.negated=did fr=a fr.plural=ont\nnegation en=not fr.before=ne fr.before.elided=n' fr.after=pas\ncopula en=is en.plural=are fr=est fr.plural=sont\nin en=in fr=en\nlast en=last fr=dernier fr.feminine=dernière\nstop en=. fr=.\nnoun en=cat fr=chat gender=masculine kinds=animal\nnoun en=cow fr=vache gender=feminine kinds=animal\nverb en=saw en.base=see fr=vu subjects=animal objects=animal\n",
             message: "Error: the grammar yields only 2 distinct sentence pairs in 10400 draws, fewer than the 8 asked for; extend the grammar or ask for fewer"),
        Case(name: "bad grammar file", arguments: [], grammar: "lengths min=3 max=15\nnoun en=cat fr=chat gender=male kinds=animal\n",
             message: "Error: g.txt:2: gender= must be one of masculine, feminine, got 'male'"),
        Case(name: "missing grammar file", arguments: ["--grammar", "absent.txt"],
             message: "Error: absent.txt: cannot read the grammar file: no such file or directory"),
        Case(name: "unknown format", arguments: ["--format", "xml"], message: "Error: The value 'xml' is invalid for '--format <format>'"),
    ]

    @Test(arguments: cases)
    func isRefusedWithOneLineAndNoFile(_ badCase: Case) throws {
        let directory = try makeTemporaryDirectory()
        var arguments = ["corpus"] + badCase.arguments + ["--output", "out.json"]
        if let grammar = badCase.grammar {
            try Data(grammar.utf8).write(to: directory.appendingPathComponent("g.txt"))
            arguments += ["--grammar", "g.txt"]
        }
        let result = try runAttentionTrace(arguments, in: directory)
        #expect(result.status != 0 && result.status < 128)
        #expect(result.standardError.hasPrefix(badCase.message), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out.json").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0 != "g.txt" } == [])
    }

    @Test func anOutputWithoutAKnownExtensionNeedsAFormat() throws {
        let directory = try makeTemporaryDirectory()
        let result = try runAttentionTrace(["corpus", "--train", "2", "--held-out", "0", "--output", "corpus.txt"], in: directory)
        #expect(result.status == 1)
        #expect(result.standardError == "Error: cannot tell the format of 'corpus.txt' from its extension; name it .json or .tsv, or pass --format json|tsv\n")
        let forced = try runAttentionTrace(["corpus", "--train", "2", "--held-out", "0", "--format", "tsv", "--output", "corpus.txt"], in: directory)
        #expect(forced.status == 0)
        #expect(try String(contentsOf: directory.appendingPathComponent("corpus.txt"), encoding: .utf8).hasPrefix("split\t"))
    }
}
