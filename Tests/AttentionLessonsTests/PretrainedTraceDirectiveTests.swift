@testable import AttentionLessons
import AttentionTrace
import Foundation
import Testing

/// A lesson's `{trace}` of a pretrained model's layer (issue 15): a course folder holding the checkpoint
/// tests' tiny Llama GGUF file and tiny BERT folder, copied into a scratch course for each test.
@Suite struct PretrainedTraceDirectiveTests {
    static let checkpoints = URL(fileURLWithPath: LessonFixtures.packageRoot).appendingPathComponent("Tests/AttentionCheckpointsTests/Fixtures")

    /// The errors reading `text` as `lesson.md` of a course holding `models/tiny-llama.gguf` and
    /// `models/tiny-bert/`, or the lesson.
    private func read(_ text: String) throws -> Result<Lesson, LessonErrors> {
        let course = FileManager.default.temporaryDirectory.appendingPathComponent("course-\(UUID().uuidString)")
        let models = course.appendingPathComponent("models")
        try FileManager.default.createDirectory(at: models, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: course) }
        for name in ["tiny-llama.gguf", "tiny-bert"] {
            try FileManager.default.copyItem(at: Self.checkpoints.appendingPathComponent(name), to: models.appendingPathComponent(name))
        }
        let file = course.appendingPathComponent("lesson.md").path
        do {
            return .success(try Lesson(parsing: text, file: file))
        } catch {
            return .failure(error)
        }
    }

    private func errors(_ text: String) throws -> [String] {
        guard case .failure(let errors) = try read(text) else { return [] }
        return errors.errors.map { $0.description.components(separatedBy: ": ").dropFirst().joined(separator: ": ") }
    }

    @Test func aLayerOfAGGUFModelIsTracedInFullAndChecked() throws {
        let text = """
            # Real heads

            ```{trace}
            name: block
            model: models/tiny-llama.gguf
            layer: 1
            source: the cat sat
            ```

            ```{exercise}
            id: first-token
            question: What weight does head 2 give the first token from the first token?
            answer: 1
            check: abs(block.weights[2][0][0] - answer) < 1e-9
            ```
            """
        guard case .success(let lesson) = try read(text) else { Issue.record("the lesson does not read"); return }
        let trace = try #require(lesson.traces.first?.trace)
        #expect(trace.variant == "multi-head" && trace.options["kv_heads"] == "2" && trace.options["rope"] == "half")
        #expect(trace.options["model"] == "checkpoint tiny-llama.gguf (a pretrained Llama-family decoder), layer 1 of 2, all 4 heads")
        #expect(trace.steps.map(\.id).suffix(4) == ["residual", "norm2", "ffn", "residual2"])
        let head = try #require(try read(text.replacingOccurrences(of: "layer: 1", with: "layer: 1\nhead: 3")).get().traces.first?.trace)
        #expect(head.variant == "self")
        // The show list of Docs/authoring-lessons.md's example matches steps of a Llama block.
        let shown = try read(text.replacingOccurrences(of: "layer: 1", with: "layer: 1\nshow: before, split, head*, rope, residual*"))
        #expect((try? shown.get()) != nil)
    }

    @Test(arguments: [
        ("target: le chat", "'target' does not apply to the pretrained model tiny-llama.gguf: it decides its own attention"),
        ("causal: true", "'causal' does not apply to the pretrained model tiny-llama.gguf: it decides its own attention"),
        ("layer: 2", "layer 2 is out of range: tiny-llama.gguf has layers 0 to 1"),
        ("head: -1", "head must be a whole number of 0 or more, found '-1'"),
        ("variant: dot", "a pretrained layer traces as multi-head (every head), not dot"),
    ])
    func keysThePretrainedModelDecidesAreRefusedAtTheirLine(_ line: String, _ message: String) throws {
        let found = try errors("# T\n\n```{trace}\nmodel: models/tiny-llama.gguf\nsource: the cat\n\(line)\n```\n")
        #expect(found == [message])
    }

    @Test func aLayerWithoutAPretrainedModelAndAMissingModelAreErrors() throws {
        #expect(try errors("# T\n\n```{trace}\nvariant: self\nsource: a b\nlayer: 1\n```\n")
            == ["'layer' is for a pretrained model: give its folder or .gguf file as 'model'"])
        #expect(try errors("# T\n\n```{trace}\nmodel: models/missing.gguf\nsource: a b\n```\n").first?.hasPrefix("model: ") == true)
        let bert = try read("# T\n\n```{trace}\nmodel: models/tiny-bert\nsource: the cat\n```\n")
        #expect((try? bert.get().traces.first?.trace.variant) == "multi-head")
    }
}
