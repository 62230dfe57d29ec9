@testable import AttentionCorpus
import Foundation
import Testing

/// The JSON and TSV forms of a corpus, and reading JSON back with its checks.
@Suite struct CorpusFormatsTests {
    static let corpus = Corpus(
        train: [SentencePair(source: ["the", "black", "cat"], target: ["le", "chat", "noir"], alignment: [[0], [2], [1]])],
        heldOut: [SentencePair(source: ["the", "man", "."], target: ["l'", "homme", "."], alignment: [[0], [1], [2]])])

    @Test func writesOnePairALine() throws {
        #expect(try Self.corpus.json() == """
            {
            "train": [
            {"alignment":[[0],[2],[1]],"source":["the","black","cat"],"target":["le","chat","noir"]}
            ],
            "heldOut": [
            {"alignment":[[0],[1],[2]],"source":["the","man","."],"target":["l'","homme","."]}
            ]
            }

            """)
        #expect(Self.corpus.tsv == """
            split\tsource\ttarget\talignment
            train\tthe black cat\tle chat noir\t0-0 2-1 1-2
            held-out\tthe man.\tl'homme.\t0-0 1-1 2-2

            """)
    }

    @Test func readsBackWhatItWrites() throws {
        #expect(try Corpus(json: Data(Self.corpus.json().utf8)) == Self.corpus)
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var json: String
        var message: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "not JSON", json: "{\"train\": [,]}", message: "malformed corpus JSON: Invalid value around character 11."),
        Case(name: "missing split", json: "{\"train\": []}", message: "malformed corpus JSON: no 'heldOut' at the top level"),
        Case(name: "missing member", json: #"{"train": [{"source": ["a"], "target": ["b"]}], "heldOut": []}"#,
             message: "malformed corpus JSON: no 'alignment' at train[0]"),
        Case(name: "wrong type", json: #"{"train": [], "heldOut": [{"source": ["a"], "target": ["b"], "alignment": [["0"]]}]}"#,
             message: "malformed corpus JSON: expected Int at heldOut[0].alignment[0][0]"),
        Case(name: "too few alignment rows", json: #"{"train": [{"source": ["a"], "target": ["b", "c"], "alignment": [[0]]}], "heldOut": []}"#,
             message: "train pair 0 has 1 alignment rows for 2 target tokens"),
        Case(name: "position outside the source", json: #"{"train": [], "heldOut": [{"source": ["a"], "target": ["b"], "alignment": [[1]]}]}"#,
             message: "held-out pair 0 aligns target token 0 to source position 1, outside its 1 tokens"),
        Case(name: "unsorted row", json: #"{"train": [{"source": ["a", "b"], "target": ["c"], "alignment": [[1, 0]]}], "heldOut": []}"#,
             message: "train pair 0 aligns target token 0 to [1, 0], which is not sorted distinct positions"),
        Case(name: "empty side", json: #"{"train": [{"source": [], "target": ["c"], "alignment": [[]]}], "heldOut": []}"#,
             message: "train pair 0 has no source tokens"),
    ]

    @Test(arguments: cases)
    func refusesABadCorpus(_ badCase: Case) throws {
        let error = #expect(throws: CorpusError.self) { try Corpus(json: Data(badCase.json.utf8)) }
        #expect(error?.description == badCase.message)
    }
}
