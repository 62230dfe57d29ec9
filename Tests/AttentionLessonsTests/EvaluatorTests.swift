import AttentionEngine
@testable import AttentionLessons
import AttentionTrace
import Foundation
import Testing

@Suite struct EvaluatorTests {
    let trace: Trace

    init() throws {
        trace = try LessonFixtures.handTrace()
    }

    private func evaluate(_ text: String, answer: Answer = .string("le")) throws -> CheckResult {
        try Check(text, at: SourceLocation(file: "lesson.md", line: 5, column: 8)).evaluate(answer: answer, in: trace)
    }

    @Test func labelledIndexingReadsTheHandDerivedWeights() throws {
        #expect(try evaluate(#"weights["the", "le"] == \#(LessonFixtures.alpha1) ± 1e-15"#).passed)
        #expect(try evaluate(#"weights["the", "chat"] == 1 - weights[0, 0] ± 1e-15"#).passed)
        #expect(try evaluate(#"weights[0][1] < 0.5"#).passed)
        #expect(try evaluate(#"weights[row: "the"][column: "le"] > 0.68 and weights[row: 0][1] < 0.32"#).passed)
        #expect(try evaluate("sum(weights[row: 0]) == 1 ± 1e-12").passed)
        #expect(try evaluate("shape(weights) == [1, 2]").passed)
        #expect(try evaluate("shape(t0.score.u) == [2, 2] and count(W_a) == 8").passed)
        #expect(try evaluate("t0.score.scores[0, 0] == \(tanh(2.0)) ± 1e-15").passed)
        #expect(try evaluate("`t0.weighted-sum.context`[0, 0] == \(1 - LessonFixtures.alpha1) ± 1e-12").passed)
        #expect(try evaluate("abs(min(v_a)) == max(v_a) and mean(v_a) == 0").passed)
    }

    @Test func argmaxIsALabelEqualToItsTextAndItsIndex() throws {
        #expect(try evaluate(#"argmax(weights[row: "the"]) == "le""#).passed)
        #expect(try evaluate(#"argmax(weights[row: 0]) == 0"#).passed)
        #expect(try evaluate(#"argmin(weights[row: 0]) == "chat" and argmin(weights[row: 0]) == 1"#).passed)
        #expect(try evaluate("answer == argmax(weights[row: 0])", answer: .string("le")).passed)
        #expect(try evaluate("answer == argmax(weights[row: 0])", answer: .number(0)).passed)
        // v_a is an input no step labels: argmax is an index.
        #expect(try evaluate("argmax(v_a) == 0").passed)
        #expect(try !evaluate(#"argmax(v_a) == "0""#).passed)
    }

    @Test func anInstructorSeesBothValuesWithTheAnswerAsTheAnswer() throws {
        let result = try evaluate(#"argmax(weights[row: "the"]) == answer"#, answer: .string("chat"))
        #expect(!result.passed)
        #expect(result.explanation(for: .instructor) == #"the answer is 'chat', but argmax(weights[row: "the"]) is 'le'"#)
        let numeric = try evaluate("weights[0][0] == 0.6 ± 1e-4")
        #expect(numeric.explanation(for: .instructor)
            == "weights[0][0] is \(String(format: "%.4f", LessonFixtures.alpha1)), expected 0.6000 (± 0.0001)")
        #expect(try evaluate("shape(weights) == [2, 1]").explanation(for: .instructor) == "shape(weights) is [1, 2], expected [2, 1]")
        #expect(try evaluate("weights[0, 0] < 0.5").explanation(for: .instructor).hasPrefix("weights[0, 0] is 0.68"))
        #expect(try evaluate("weights[0, 0] < 0.5").explanation(for: .instructor).hasSuffix(", which is not < 0.5"))
    }

    @Test func theAnswerCheckOfTheBriefGradesRightAndWrongAnswers() throws {
        let exercise = try Exercise(id: "hier", question: "Which source word does “the” attend to most?",
                                    answer: .string("le"), checks: [#"answer == argmax(weights[row: "the"])"#],
                                    hints: ["Look at the row for “the”."])
        #expect(try exercise.grade(answer: .string("le"), against: trace).isCorrect)
        let wrong = try exercise.grade(answer: .string("chat"), against: trace)
        #expect(!wrong.isCorrect)
        #expect(wrong.failures.map(\.description)
            == [#"check answer == argmax(weights[row: "the"]) failed: the answer is 'chat', but argmax(weights[row: "the"]) is 'le'"#])
    }

    /// Each check refers to something that does not exist, the column of the culprit, and part of the message.
    static let missing: [(String, Int, String)] = [
        ("scores[0, 0] > 0", 8, "no tensor named 'scores' in this additive trace; results: context, weights"),
        (#"weights["zoo", "le"] > 0"#, 16, #"axis target of 'weights' has no label "zoo"; its labels are: "the""#),
        (#"weights[0, "chien"] > 0"#, 19, #"axis source of 'weights[0]' has no label "chien"; its labels are: "le", "chat""#),
        ("weights[0, 2] > 0", 19, "index 2 is out of range for axis source of 'weights[0]', which has 2 entries (0 to 1)"),
        (#"v_a["x"] > 0"#, 12, "axis hidden of 'v_a' has no labels"),
        ("argmax(t0.concatenate.c) == 0", 15, "but 't0.concatenate.c' has shape [2, 4]"),
        ("frobnicate(weights) == 0", 8, "unknown function 'frobnicate'"),
        (#"weights[0, 0] < "le""#, 8, "'<' compares numbers, but one side is a string"),
        ("weights[0, 0]", 8, "not true or false"),
    ]

    @Test(arguments: missing) func referencesToWhatDoesNotExistAreErrorsNotFailures(_ text: String, _ column: Int,
                                                                                     _ message: String) {
        #expect {
            try evaluate(text)
        } throws: { error in
            guard let error = error as? LessonError else { return false }
            return error.location == SourceLocation(file: "lesson.md", line: 5, column: column) && error.message.contains(message)
        }
    }

    @Test func aTensorKeptOnlyAsASummaryIsNamedAsSuch() throws {
        let request = TraceRequest(variant: .selfAttention, source: "the cat saw the dog",
                                   recording: RecordingPolicy(largestStoredTensor: 24))
        let summarized = try AttentionTracer().trace(request)
        #expect {
            try Check("weights[0, 0] > 0").evaluate(answer: .number(0), in: summarized)
        } throws: { error in
            (error as? LessonError)?.message.contains(
                "weights has more than 24 numbers, so the trace keeps only a summary of it; check a smaller input") == true
        }
    }

    @Test func aDuplicatedLabelMeansItsFirstOccurrence() throws {
        let duplicated = try AttentionTracer().trace(TraceRequest(variant: .selfAttention, source: "the cat saw the dog"))
        let check = try Check(#"weights["the", "the"] == weights[0, 0] and weights["the", "dog"] == weights[0, 4]"#)
        #expect(try check.evaluate(answer: .number(0), in: duplicated).passed)
    }
}

