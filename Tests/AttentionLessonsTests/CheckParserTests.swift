@testable import AttentionLessons
import Testing

@Suite struct CheckParserTests {
    static let examples = [
        #"weights["zoo", "zoo"] > 0.5"#,
        #"argmax(weights[row: "hier"]) == "yesterday""#,
        "sum(weights[row: 0]) == 1 ± 1e-12",
        "context[0][1] == 0.4132 ± 1e-4",
        "shape(scores) == [7, 6]",
        #"answer == argmax(weights[row: "hier"])"#,
        "answer == t0.normalise.weights[0, 2] ± 1e-3",
        "`t0.weighted-sum.context`[0, 1] != 3 +- 0.1 or not (answer < -0.5)",
    ]

    @Test(arguments: examples) func everyDocumentedExampleParses(_ text: String) throws {
        let check = try Check(text)
        #expect(check.text == text)
    }

    private func parse(_ text: String) throws -> Expression {
        try Parser.parse(CheckSource(text, at: SourceLocation(file: "f.md", line: 3, column: 8)))
    }

    @Test func dottedNamesAreOneNameAndBackquotesTakeAnything() throws {
        guard case .comparison(.equal, let left, let right, nil) = try parse("t0.score.scores == `t0.weighted-sum.context`").kind else {
            Issue.record("not a comparison"); return
        }
        #expect(left.kind == .name("t0.score.scores"))
        #expect(right.kind == .name("t0.weighted-sum.context"))
    }

    @Test func multiplicationBindsTighterThanAdditionAndComparisonLooserStill() throws {
        guard case .comparison(.less, let left, _, nil) = try parse("1 + 2 * 3 < 8").kind,
              case .arithmetic(.add, let one, let product) = left.kind,
              case .arithmetic(.multiply, _, _) = product.kind else {
            Issue.record("wrong tree"); return
        }
        #expect(one.kind == .number(1))
    }

    @Test func andBindsTighterThanOrAndNotTighterThanAnd() throws {
        guard case .logical(.or, let left, let right, ) = try parse("true or not false and false").kind,
              case .logical(.and, let negation, _) = right.kind,
              case .not = negation.kind else {
            Issue.record("wrong tree"); return
        }
        #expect(left.kind == .boolean(true))
    }

    @Test func toleranceAttachesToTheEqualityAndIsWholeSum() throws {
        guard case .comparison(.equal, _, let right, let tolerance?) = try parse("x == 0.5 ± 1e-3 * 2").kind,
              case .arithmetic(.multiply, _, _) = tolerance.kind else {
            Issue.record("wrong tree"); return
        }
        #expect(right.kind == .number(0.5))
        guard case .comparison(.equal, _, _, let plusMinus?) = try parse("x == 0.5 +- 0.01").kind else {
            Issue.record("+- is not a tolerance"); return
        }
        #expect(plusMinus.kind == .number(0.01))
    }

    @Test func namedSubscriptsAndChainedBrackets() throws {
        guard case .index(let inner, let outer) = try parse(#"t[row: "hier"][column: 2]"#).kind,
              case .index(_, let first) = inner.kind else {
            Issue.record("wrong tree"); return
        }
        #expect(first.map(\.axis) == [.row])
        #expect(outer.map(\.axis) == [.column])
        #expect(first[0].index.kind == .string("hier"))
    }

    @Test func negativeNumbersAndExponents() throws {
        #expect(try parse("-0.5").kind == .number(-0.5))
        #expect(try parse("1e-12").kind == .number(1e-12))
        #expect(try parse("[7, 6]").kind == .list([
            Expression(kind: .number(7), range: 1..<2), Expression(kind: .number(6), range: 4..<5),
        ]))
    }

    /// Each malformed check, the column (in a check starting at column 8 of line 3) and part of the message.
    static let malformed: [(String, Int, String)] = [
        ("weights[0 == 1", 22, "expected ']' to close the '[' at column 15"),
        ("x = 1", 10, "write '=='"),
        (#"argmax(weights[row: "hier"]) == "yester"#, 40, "unterminated string"),
        ("1 < 2 < 3", 14, "do not chain"),
        ("x < 1 ± 0.1", 14, "applies only to '==' and '!='"),
        ("sum(x,)", 14, "expected a number"),
        ("x == ", 13, "found the end of the check"),
        ("x $ 2", 10, "unexpected character '$'"),
        ("x == 1e", 13, "the exponent needs digits"),
        ("(1 + 2", 14, "expected ')' to close"),
        ("weights[]", 16, "expected an index"),
        ("", 8, "empty check"),
    ]

    @Test(arguments: malformed) func malformedChecksAreErrorsAtTheirColumn(_ text: String, _ column: Int, _ message: String) {
        #expect {
            try parse(text)
        } throws: { error in
            guard let error = error as? LessonError else { return false }
            return error.location == SourceLocation(file: "f.md", line: 3, column: column) && error.message.contains(message)
        }
    }

    @Test func errorsOnAContinuationLineUseThatLinesColumns() {
        let source = CheckSource(text: "answer ==\nargmax(]", pieces: [
            .init(start: 0, location: SourceLocation(file: "f.md", line: 10, column: 8)),
            .init(start: 10, location: SourceLocation(file: "f.md", line: 11, column: 3)),
        ])
        #expect(throws: LessonError("expected a number, a string, a name, a list or '(', found ']'",
                                    at: SourceLocation(file: "f.md", line: 11, column: 10))) {
            try Parser.parse(source)
        }
    }
}
