import AttentionEngine
@testable import AttentionLessons
import AttentionTrace
import Foundation
import Testing

/// What a student is told about a wrong answer (issue 11, items 10, 11 and 13), on the additive
/// hand case: weights = [[α₁, 1 − α₁]] with α₁ = 0.6817, target "the", source "le", "chat".
@Suite struct FeedbackTests {
    let trace: Trace

    init() throws {
        trace = try LessonFixtures.handTrace()
    }

    private func exercise(_ answer: Answer, _ checks: [String], options: Exercise.Options = []) throws -> Exercise {
        try Exercise(id: "x", question: "?", answer: answer, checks: checks, options: options)
    }

    private func feedback(_ exercise: Exercise, _ answer: Answer, _ audience: Audience = .student) throws -> String {
        try exercise.grade(answer: answer, against: trace).feedback(for: audience)
    }

    // MARK: - Item 10: feedback does not give the answer away

    @Test func aWrongNumberIsToldItsDirectionAndOrderOfMagnitudeNotTheValue() throws {
        let weight = try exercise(.number(0.6817), [#"answer == weights["the", "le"] ± 1e-3"#])
        let low = try feedback(weight, .number(0.5))
        // α₁ − 0.5 = 0.18: between 0.1 and 1, below.
        #expect(low == "your answer 0.500 is too low by between 0.1 and 1 (the tolerance is ± 0.001)")
        #expect(!low.contains("0.68"))
        // 0.69 − α₁ = 0.0083: between 0.001 and 0.01, above.
        #expect(try feedback(weight, .number(0.69)) == "your answer 0.690 is too high by between 0.001 and 0.01 (the tolerance is ± 0.001)")
    }

    @Test func aWrongListNamesTheWrongPositionsAndAWrongSizeTheSizes() throws {
        let row = try exercise(.list([.number(0.6817), .number(0.3183)]), [#"answer == weights[row: "the"] ± 1e-3"#])
        #expect(try feedback(row, .list([.number(0.6817), .number(0.5)])) == "your answer [0.682, 0.500] is wrong at position 1")
        #expect(try feedback(row, .list([.number(0.1), .number(0.5)])) == "your answer [0.100, 0.500] is wrong at positions 0, 1")
        let shape = try exercise(.list([.number(1), .number(2)]), ["answer == shape(weights)"])
        #expect(try feedback(shape, .list([.number(1), .number(2), .number(3)]))
            == "your answer has 3 entries, but shape(weights) has 2")
        #expect(try feedback(shape, .list([.number(2), .number(1)])) == "your answer [2, 1] is wrong at positions 0, 1")
        // A written-out list is the key: the feedback names it without writing it (it once said "[").
        let literal = try exercise(.list([.number(0), .number(5)]), ["answer == [0, 5]"])
        #expect(try feedback(literal, .list([.number(0), .number(5), .number(6)]))
            == "your answer has 3 entries, but the expected answer has 2")
        let word = try feedback(literal, .string("zoo"))
        #expect(word == "your answer is a word, but the question asks for a list of 2 entries")
    }

    @Test func aWrongKindIsNamedWithoutTheAnswer() throws {
        let word = try exercise(.string("le"), [#"answer == argmax(weights[row: "the"])"#])
        #expect(try feedback(word, .list([.string("le"), .string("chat")]))
            == "your answer is a list of 2 entries, but the question asks for a word")
        let shape = try exercise(.list([.number(1), .number(2)]), ["answer == shape(weights)"])
        #expect(try feedback(shape, .list([.number(1), .string("two")]))
            == "entry 1 of your answer is a word, but the question asks for a number")
    }

    @Test func theValuesAppearOnlyWhenRevealed() throws {
        let weight = try exercise(.number(0.6817), [#"answer == weights["the", "le"] ± 1e-3"#])
        #expect(try feedback(weight, .number(0.5), .studentWithValues)
            == #"your answer is 0.500, but weights["the", "le"] is 0.682 (± 0.001)"#)
        let revealing = try exercise(.number(0.6817), [#"answer == weights["the", "le"] ± 1e-3"#], options: .revealsValues)
        #expect(revealing.options.contains(.revealsValues))
    }

    // MARK: - Item 11: the student's answer is always theirs

    @Test func aCheckWithTheAnswerOnTheRightStillPresentsItAsTheAnswer() throws {
        let word = try exercise(.string("le"), [#"argmax(weights[row: "the"]) == answer"#])
        #expect(try feedback(word, .string("chat")) == #"your answer 'chat' is not argmax(weights[row: "the"])"#)
        #expect(try feedback(word, .string("chat"), .studentWithValues)
            == #"your answer is 'chat', but argmax(weights[row: "the"]) is 'le'"#)
        // `weights[0, 0] < answer` reads as `answer > weights[0, 0]`.
        let bound = try exercise(.number(0.9), ["weights[0, 0] < answer"])
        #expect(try feedback(bound, .number(0.5)) == "your answer 0.5 is not > weights[0, 0]")
    }

    // MARK: - Item 13: robust grading

    @Test func wordsIgnoreCaseAndSurroundingSpaceUnlessTheExerciseIsExact() throws {
        let word = try exercise(.string("le"), [#"answer == argmax(weights[row: "the"])"#])
        for spelling in ["le", "LE", " Le ", "le\n"] {
            #expect(try word.grade(answer: .string(spelling), against: trace).isCorrect, "\(spelling)")
        }
        let exact = try exercise(.string("le"), [#"answer == argmax(weights[row: "the"])"#], options: .exactWords)
        #expect(try exact.grade(answer: .string("le"), against: trace).isCorrect)
        #expect(try !exact.grade(answer: .string("LE"), against: trace).isCorrect)
        #expect(try !exact.grade(answer: .string(" le"), against: trace).isCorrect)
    }

    @Test func numbersWrittenAsStringsAndOneElementListsAreAccepted() throws {
        let weight = try exercise(.number(0.6817), [#"answer == weights["the", "le"] ± 1e-3"#])
        #expect(try weight.grade(answer: .string("0.6817"), against: trace).isCorrect)
        #expect(try weight.grade(answer: .string(" 0.682 "), against: trace).isCorrect)
        #expect(try weight.grade(answer: .list([.number(0.6817)]), against: trace).isCorrect)
        #expect(try weight.grade(answer: .list([.string("0.6817")]), against: trace).isCorrect)
        #expect(try feedback(weight, .string("nan")) == "your answer is a word, but the question asks for a number")
    }

    @Test func anIndexIsRightOnlyWhenTheQuestionAsksForAnIndex() throws {
        let word = try exercise(.string("le"), [#"answer == argmax(weights[row: "the"])"#])
        #expect(try !word.grade(answer: .number(0), against: trace).isCorrect)
        #expect(try feedback(word, .number(0)) == "your answer is a number, but the question asks for a word")
        let index = try exercise(.number(0), [#"answer == argmax(weights[row: "the"])"#])
        #expect(try index.grade(answer: .number(0), against: trace).isCorrect)
        #expect(try !index.grade(answer: .string("le"), against: trace).isCorrect)
    }
}
