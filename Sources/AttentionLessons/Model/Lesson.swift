import AttentionMarkdown
import AttentionRendering
import AttentionTrace

/// One lesson: a CommonMark file whose directives have been read and whose traces have been run.
public struct Lesson: Sendable {
    /// The file's path as it was given, such as `Lessons/03-additive.md`; errors and reports name it.
    public let file: String
    /// The file name without `.md`, such as `03-additive`; the page is `<slug>.html`.
    public let slug: String
    /// The text of the first `# ` heading.
    public let title: String
    /// The content in order: Markdown blocks and directives.
    let content: [Content]

    /// A piece of a lesson's content.
    enum Content: Sendable {
        case markdown(Block)
        case trace(TraceDirective)
        case exercise(LessonExercise)
        case comparison(CompareDirective)
        case learning(LearningDirective)
    }

    /// The lesson's exercises, in order.
    public var exercises: [LessonExercise] {
        content.compactMap { if case .exercise(let exercise) = $0 { exercise } else { nil } }
    }

    /// The lesson's traces, in order.
    var traces: [TraceDirective] {
        content.compactMap { if case .trace(let trace) = $0 { trace } else { nil } }
    }
}

/// An exercise as a lesson declares it: the exercise, the trace it is about and where it is.
public struct LessonExercise: Sendable {
    /// The exercise.
    public let exercise: Exercise
    /// The name of the ```` ```{trace} ```` it is about.
    public let traceName: String
    /// The trace it is about.
    public let trace: Trace
    /// The line of the directive's opening fence.
    public let location: SourceLocation
}

/// A ```` ```{trace} ```` directive and the trace it produced.
struct TraceDirective: Sendable {
    let name: String
    let trace: Trace
    /// The steps the `show` key selects; every step when it is absent.
    let show: StepSelection
    let location: SourceLocation

    /// Whether the lesson shows `step`.
    func shows(_ step: Step) -> Bool {
        show.includes(step)
    }
}

/// A ```` ```{learning} ```` directive: a probe sentence's attention at every point of a training record.
struct LearningDirective: Sendable {
    /// The small multiples, made when the lesson was read so problems are reported early.
    let blocks: [Block]
    let location: SourceLocation
}

/// A ```` ```{compare} ```` directive: one sentence under several variants.
struct CompareDirective: Sendable {
    let traces: [Trace]
    /// The heatmaps and argmax table, made when the lesson was read so problems are reported early.
    let blocks: [Block]
    let location: SourceLocation
}
