import AttentionEngine
import AttentionTrace
import Foundation
import Testing

/// The one-pass spec reader (issue 14, item 1): numbers, shapes and strings as JSON means them.
@Suite struct SpecReaderTests {
    func tensor(_ json: String) throws -> Tensor? {
        try InputSpec(json: Data(#"{"tensors": {"X": \#(json)}}"#.utf8), file: "spec.json").tensors["X"]
    }

    func failure(_ json: String) -> String? {
        do {
            _ = try InputSpec(json: Data(json.utf8), file: "spec.json")
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func everyNumberIsTheNearestDoubleAsTheStandardLibraryReadsIt() throws {
        var generator = SystemRandomNumberGenerator()
        let written = (0..<2_000).map { index -> String in
            let value = Double.random(in: -1...1, using: &generator) * Double(sign: .plus, exponent: Int.random(in: -60...60), significand: 1)
            switch index % 4 {
            case 0: return "\(value)"
            case 1: return String(format: "%.4f", value)
            case 2: return String(format: "%.19e", value)
            default: return String(format: "%.25g", value)
            }
        } + ["0", "-0", "1e-999", "123456789012345678901234567890", "0.30000000000000004", "2.2250738585072014e-308",
             "4.9e-324", "1.7976931348623157e308", "9007199254740993", "1E+2", "1e22", "1e23", "0.000000000000000000000001"]
        let read = try #require(try tensor("[" + written.joined(separator: ", ") + "]"))
        #expect(read.shape == [written.count])
        for (text, value) in zip(written, read.scalars) {
            #expect(value.bitPattern == Double(text)?.bitPattern, "\(text)")
        }
    }

    @Test func shapesAreLearnedFromTheNestingAndRaggedNestingIsRefused() throws {
        #expect(try tensor("[[1, 2, 3], [4, 5, 6]]") == Tensor(rows: [[1, 2, 3], [4, 5, 6]]))
        #expect(try tensor("[[[1], [2]], [[3], [4]]]") == Tensor(shape: [2, 2, 1], scalars: [1, 2, 3, 4]))
        #expect(try tensor("7") == Tensor(shape: [], scalars: [7]))
        #expect(try tensor("[[], []]")?.shape == [2, 0])
        #expect(try tensor(" [ [ 1 ,2 ] ,\n[3,4]] ") == Tensor(rows: [[1, 2], [3, 4]]))
        for ragged in ["[[1, 2], [3]]", "[1, [2]]", "[[1], 2]", "[[], [[]]]", "[[[]], []]", "[[], 1]"] {
            #expect(failure(#"{"tensors": {"X": \#(ragged)}}"#) == "spec.json: invalid spec at tensors.X: rows of different lengths (a tensor must be rectangular)",
                    "\(ragged)")
        }
        #expect(failure(#"{"tensors": {"X": [[1, 2], [3, true]]}}"#)
                    == "spec.json: invalid spec at tensors.X[1][1]: expected a number or an array, found a Boolean")
    }

    @Test func valuesOfTheWrongTypeAndDuplicateKeysNameTheirPath() {
        #expect(failure(#"{"options": {"heads": 2.5}}"#) == "spec.json: invalid spec at options.heads: expected an integer, found 2.5")
        #expect(failure(#"{"options": {"causal": 1}}"#) == "spec.json: invalid spec at options.causal: expected a Boolean, found a number")
        #expect(failure(#"{"sourceTokens": ["a", 3]}"#) == "spec.json: invalid spec at sourceTokens[1]: expected a string, found a number")
        #expect(failure(#"[]"#) == "spec.json: invalid spec at the top level: expected an object, found an array")
        #expect(failure(#"{"variant": "dot", "variant": "self"}"#) == "spec.json: invalid spec at the top level: the key 'variant' appears twice")
        #expect(failure(#"{"tensors": {"X": [[1e999]]}}"#) == "spec.json: malformed JSON: Number 1e999 is not representable in Swift.")
        #expect(failure(#"{"options": {"heads": 2}, "colour": "red", "tensors": {"X": [1, 2]"#)
                    == "spec.json: malformed JSON: Unexpected end of text around line 1, column 67.")
    }

    @Test func stringsDecodeTheirEscapesAndNullMeansAbsent() throws {
        let spec = try InputSpec(json: Data(#"{"sourceTokens": ["a\u00e9\n", "\ud83d\ude00", "\/", "é"], "variant": null, "options": {"heads": null}}"#.utf8),
                                 file: "spec.json")
        #expect(spec.sourceTokens == ["aé\n", "😀", "/", "é"])
        #expect(spec.variant == nil)
        #expect(spec.options.heads == nil)
        #expect(failure(#"{"sourceTokens": ["\ud83d"]}"#)?.hasPrefix("spec.json: malformed JSON:") == true)
    }
}
