@testable import AttentionLessons
import AttentionModels
import AttentionTrace
import Foundation
import Testing
import TestSupport

@Suite struct DirectiveTests {
    private func errors(reading text: String) -> [String] {
        do {
            _ = try Lesson(parsing: text, file: "Lessons/01-test.md")
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    @Test func aWellFormedLessonHasItsTitleAndExercises() throws {
        let lesson = try Lesson(contentsOf: LessonFixtures.path("course/01-additive.md"))
        #expect(lesson.title == "Additive attention by hand")
        #expect(lesson.slug == "01-additive")
        #expect(lesson.exercises.map(\.exercise.id) == ["hand-first-weight", "zoo-shape"])
        #expect(lesson.exercises.map(\.traceName) == ["hand", "zoo"])
        let first = lesson.exercises[0].exercise
        #expect(first.question == "What weight does \"the\" give to \"le\"?\nGive four decimals.")
        #expect(first.answer == .number(0.6817))
        #expect(first.hints.count == 2)
        #expect(lesson.exercises[1].exercise.answer == .list([.number(8), .number(7)]))
    }

    @Test func answersAreListsNumbersOrUnquotedStrings() {
        #expect(Answer(lessonText: "[7, 6]") == .list([.number(7), .number(6)]))
        #expect(Answer(lessonText: "-0.25") == .number(-0.25))
        #expect(Answer(lessonText: "\"zoo\"") == .string("zoo"))
        #expect(Answer(lessonText: "yesterday") == .string("yesterday"))
        #expect(Answer(lessonText: "l'homme") == .string("l'homme"))
    }

    @Test func anUnknownDirectiveIsAnErrorAtItsFence() {
        #expect(errors(reading: "# T\n\ntext\n\n```{quiz}\nid: x\n```\n\n```swift\nlet x = 1\n```\n")
            == ["Lessons/01-test.md:5: unknown directive '{quiz}'; the directives are {trace}, {exercise}, {compare} and {learning}"])
    }

    @Test func anUnknownKeyIsAnErrorAtItsOwnLine() {
        #expect(errors(reading: "# T\n\n```{trace}\nvariant: additive\n# a comment\n\ncolour: red\n```\n")
            == ["Lessons/01-test.md:7: unknown key 'colour' in {trace}; the keys are: "
                + "name, variant, source, target, seed, input, model, layer, head, show, heads, window, causal, score, sliding_window, "
                + "alibi, kv_heads, rope, rope_base, rope_dims, sinks, sink_tokens, block_size, prefill, bias"])
    }

    @Test func aTraceSetsEveryOptionASpecCanByTheSameName() throws {
        let lesson = try Lesson(parsing: "# T\n\n```{trace}\nvariant: causal\nsource: a b c d\nsliding_window: 2\nsink_tokens: 1\n```\n",
                                file: "Lessons/01-test.md")
        let trace = try #require(lesson.traces.first?.trace)
        let weights = try #require(trace.result["weights"]?.values)
        // Query d (3) sees the first token and the window 3 − 2 < j ≤ 3: positions 0, 2 and 3.
        #expect((0..<4).filter { weights[3, $0] > 0 } == [0, 2, 3])
        #expect(errors(reading: "# T\n\n```{trace}\nvariant: causal\nsource: a b\nsliding_window: 0\n```\n")
            == ["Lessons/01-test.md:6: sliding_window must be at least 1 (the W positions i − W < j ≤ i each query sees), got 0"])
        #expect(errors(reading: "# T\n\n```{trace}\nvariant: causal\nsource: a b\nalibi: yes\n```\n")
            == ["Lessons/01-test.md:6: alibi is true or false, got 'yes'"])
    }

    @Test func aTraceTheEngineRefusesIsAnErrorAtTheDirectiveWithTheEnginesMessage() {
        #expect(errors(reading: "# T\n\n```{trace}\nvariant: additive\nsource: the cat\n```\n")
            == ["Lessons/01-test.md:3: the trace cannot be made: variant 'additive' needs a target: "
                + "give a target sentence or give the target-side tensors in the spec"])
        #expect(errors(reading: "# T\n\n```{trace}\nvariant: self\nsource: a b\nwindow: 2\n```\n")
            == ["Lessons/01-test.md:3: the trace cannot be made: option 'window' does not apply to variant 'self'; "
                + "it applies to: local-m, local-p"])
    }

    @Test func aShowPatternThatMatchesNoStepIsAnError() {
        let found = errors(reading: "# T\n\n```{trace}\nvariant: self\nsource: a b\nshow: scores, normalise, t9.*\n```\n")
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("Lessons/01-test.md:6: show pattern 't9.*' matches no step of this self trace") == true)
    }

    @Test func aBadCheckIsAnErrorAtItsLineAndColumn() {
        let lesson = """
            # T

            ```{trace}
            variant: self
            source: a b
            ```

            ```{exercise}
            id: e
            question: q
            answer: 1
            check: answer == 1
            check: count(weights) ==
              == 4
            ```
            """
        #expect(errors(reading: lesson) == ["Lessons/01-test.md:14:3: expected a number, a string, a name, a list or '(', found '=='"])
    }

    @Test func anExerciseNeedsItsRequiredKeysAndAKnownTrace() {
        let lesson = "# T\n\n```{trace}\nvariant: self\nsource: a b\n```\n\n```{exercise}\nid: e\nquestion: q\nanswer: 1\ntrace: other\ncheck: answer == 1\n```\n"
        #expect(errors(reading: lesson) == ["Lessons/01-test.md:12: no {trace} named 'other' in this lesson; its traces are: 'trace'"])
        #expect(errors(reading: "# T\n\n```{trace}\nvariant: self\nsource: a b\n```\n\n```{exercise}\nid: e\nanswer: 1\ncheck: answer == 1\n```\n")
            == ["Lessons/01-test.md:8: {exercise} needs 'question'"])
    }

    @Test func aLessonWithoutATitleIsAnError() {
        #expect(errors(reading: "Just text.\n") == ["Lessons/01-test.md:1: the lesson has no title: start it with a '# ' heading"])
    }

    @Test func exerciseIDsMustBeUniqueAcrossLessons() {
        #expect {
            try Course.read(directory: LessonFixtures.path("duplicate-ids"))
        } throws: { error in
            (error as? LessonErrors)?.errors.map(\.description) == [
                "\(LessonFixtures.path("duplicate-ids"))/02-second.md:8: exercise id 'shared' is already used in "
                    + "\(LessonFixtures.path("duplicate-ids"))/01-first.md:8; ids must be unique across all lessons",
            ]
        }
    }

    @Test func aTraceAsksForTheTrainedModelOrStaysSeeded() throws {
        func trace(_ model: String) throws -> Trace {
            let text = "# T\n\n```{trace}\nvariant: additive\nsource: the black cat\ntarget: le chat noir\n\(model)```\n"
            let lesson = try Lesson(parsing: text, file: "Lessons/01-test.md")
            return try #require(lesson.traces.first?.trace)
        }
        #expect(try trace("").options["parameters"] == "seeded")
        #expect(try trace("model: seeded\n").options["parameters"] == "seeded")
        let trained = try trace("model: trained\n")
        #expect(trained.options["parameters"] == "model:rnnsearch.safetensors")
        // The trained model reads "noir" from "black", which English puts before the noun.
        let weights = try #require(trained.result["weights"]?.values)
        #expect(weights.shape == [3, 3])
        let noir = Array(weights.scalars[6..<9])
        #expect(noir.indices.max { noir[$0] < noir[$1] } == 1)
    }

    /// `model: initial` traces the parameters the shipped model's training started from: nearly
    /// uniform rows, which the training record's snapshot before training also holds.
    @Test func aTraceAsksForTheInitialParametersOfTheTrainedModel() throws {
        let text = "# T\n\n```{trace}\nvariant: additive\nsource: the black cat\ntarget: le chat noir\nmodel: initial\n```\n"
        let trace = try #require(try Lesson(parsing: text, file: "Lessons/01-test.md").traces.first?.trace)
        #expect(trace.options["parameters"] == "model:rnnsearch.safetensors at epoch 0")
        #expect(trace.options["model"] == "checkpoint rnnsearch.safetensors at epoch 0 (initial parameters of attention-trace train, not trained)")
        let weights = try #require(trace.result["weights"]?.values)
        let shipped = try #require(try ModelCheckpoint.shipped()?.snapshots().first)
        #expect(shipped.epoch == 0)
        #expect(maxAbsoluteDifference(weights.scalars, shipped.alignments[1].flatMap { $0 }) <= 1e-12)
        #expect(weights.scalars.allSatisfy { abs($0 - 1.0 / 3) < 0.01 })
    }

    /// `{learning}` draws a probe of a trained model's record at every snapshot; a probe the record
    /// does not keep, a seeded model and an unknown key are errors at their line.
    @Test func aLearningBlockDrawsAProbeAtEverySnapshot() throws {
        let text = "# T\n\n```{learning}\nprobe: the black cat ||| le chat noir\n```\n"
        let lesson = try Lesson(parsing: text, file: "Lessons/01-test.md")
        let learning = try #require(lesson.content.lazy.compactMap { if case .learning(let l) = $0 { l } else { nil } }.first)
        let html = learning.blocks.map { if case .html(let html) = $0.kind { html } else { "" } }.joined()
        #expect(html.components(separatedBy: "<figure").count - 1 == 7)
        #expect(html.contains("<figcaption>before training</figcaption>") && html.contains("<figcaption>after epoch 30</figcaption>"))
        #expect(html.contains("<title>le → the: 0.3372</title>"))
        #expect(errors(reading: "# T\n\n```{learning}\nprobe: the black dog ||| le chien noir\n```\n") == [
            "Lessons/01-test.md:4: the training record of rnnsearch.safetensors keeps no probe 'the black dog ||| le chien noir'; "
                + "it keeps 'the man who visited the zoo yesterday ||| l' homme qui a visité le zoo hier', "
                + "'the black cat ||| le chat noir', 'the european economic area ||| la zone économique européenne', "
                + "'the zoo keeper ||| le gardien du zoo'",
        ])
        #expect(errors(reading: "# T\n\n```{learning}\nprobe: the black cat ||| le chat noir\nmodel: seeded\n```\n") == [
            "Lessons/01-test.md:5: model: 'seeded' has no checkpoint; use 'trained' or the path of a file `attention-trace train` wrote",
        ])
        #expect(errors(reading: "# T\n\n```{learning}\n```\n") == [
            "Lessons/01-test.md:3: {learning} needs a 'probe': a sentence pair 'english ||| french' of the model's training record",
        ])
        #expect(errors(reading: "# T\n\n```{learning}\nprobe: the black cat ||| le chat noir\nprobes: x\n```\n").first?
            .hasPrefix("Lessons/01-test.md:5: ") == true)
    }

    @Test func aModelThatCannotBeReadIsAnErrorAtItsKey() {
        let found = errors(reading: "# T\n\n```{trace}\nvariant: additive\nsource: a\ntarget: b\nmodel: missing.safetensors\n```\n")
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("Lessons/01-test.md:7: model: 'missing.safetensors' is not a checkpoint") == true)
    }

    @Test func aComparisonReadsAnInputSpecLikeATrace() throws {
        let text = """
            # T

            ```{compare}
            variants: dot, general
            input: inputs/03-dot.json
            ```

            """
        let file = LessonFixtures.packageRoot + "/Lessons/99-compare-input.md"
        let compared = try Lesson(parsing: text, file: file)
        let comparison = compared.content.lazy.compactMap { if case .comparison(let c) = $0 { c } else { nil } }.first
        let traces = try #require(comparison?.traces)
        #expect(traces.map(\.variant) == ["dot", "general"])
        #expect(traces.allSatisfy { $0.options["parameters"] == "spec" })
    }

    @Test func aComparisonPutsOneVariantUnderSeveralOptionsWithoutATarget() throws {
        let text = """
            # T

            ```{compare}
            variants: causal, causal(sliding_window=3), causal(sliding_window=3, sink_tokens=1)
            input: inputs/15-compare.json
            ```

            """
        let lesson = try Lesson(parsing: text, file: LessonFixtures.packageRoot + "/Lessons/99-compare-options.md")
        let comparison = try #require(lesson.content.lazy.compactMap { if case .comparison(let c) = $0 { c } else { nil } }.first)
        #expect(comparison.traces.map(\.options["sliding_window"]) == [nil, "3", "3"])
        let html = comparison.blocks.map { if case .html(let html) = $0.kind { html } else { "" } }.joined()
        #expect(html.contains("<figcaption>causal(sliding_window=3, sink_tokens=1)</figcaption>"))
        // The last cat under the window with the first token kept: a, then the window's three.
        let weights = try #require(comparison.traces[2].result["weights"]?.values)
        #expect((0..<8).filter { weights[7, $0] > 0 } == [0, 5, 6, 7])
    }

    @Test func aComparisonEntryThatCannotBeReadIsAnErrorAtTheVariantsLine() {
        #expect(errors(reading: "# T\n\n```{compare}\nsource: a b\nvariants: causal, causal(slidng_window=3)\n```\n")
            == ["Lessons/01-test.md:5: cannot read the variant 'causal(slidng_window=3)': unknown option 'slidng_window'; did you mean 'sliding_window'?"])
        #expect(errors(reading: "# T\n\n```{compare}\nsource: a b\ntarget: c\nvariants: causal, dot\n```\n")
            == ["Lessons/01-test.md:6: 'causal' and 'dot' cannot share a page: the rows of causal are the source over itself, "
                + "those of dot target words over the source; compare variants of one kind"])
    }
}
