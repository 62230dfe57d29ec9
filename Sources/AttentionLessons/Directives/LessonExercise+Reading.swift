import AttentionTrace

extension LessonExercise {
    static let keys = ["id", "trace", "question", "answer", "check", "hint", "explanation", "reveal", "exact"]

    /// Reads an ```` ```{exercise} ```` block and parses its checks.
    ///
    /// - Parameters:
    ///   - traces: The lesson's traces, for a `trace:` key.
    ///   - preceding: The trace before the block, used when there is no `trace:` key.
    /// - Throws: ``LessonErrors``: a missing required key at the fence's line, an unknown trace
    ///   at its key's line, and every check that does not parse at its line and column.
    init(_ body: DirectiveBody, at location: SourceLocation, traces: [TraceDirective],
         preceding: TraceDirective?) throws(LessonErrors) {
        let directive = "exercise"
        func required(_ key: String) throws(LessonError) -> DirectiveBody.Entry {
            guard let entry = try body.single(key, directive: directive) else {
                throw LessonError("{exercise} needs '\(key)'", at: location)
            }
            return entry
        }
        var errors: [LessonError] = []
        var checks: [Check] = []
        for entry in body.all("check") {
            do {
                checks.append(try Check(source: entry.source))
            } catch {
                errors.append(error)
            }
        }
        let exercise: Exercise
        let trace: TraceDirective
        do throws(LessonError) {
            let id = unquoted(try required("id").value)
            let question = try required("question").value
            let answer = Answer(lessonText: try required("answer").value)
            trace = try Self.trace(named: try body.single("trace", directive: directive), in: traces,
                                   preceding: preceding, at: location)
            if body.all("check").isEmpty { throw LessonError("{exercise} '\(id)' needs at least one 'check'", at: location) }
            let explanation = try body.single("explanation", directive: directive)?.value
            // A check that did not parse is reported on its own, before judging whether any check reads `answer`.
            if let first = errors.first { throw first }
            var options: Exercise.Options = []
            if try body.single("reveal", directive: directive).map(boolean) == true { options.insert(.revealsValues) }
            if try body.single("exact", directive: directive).map(boolean) == true { options.insert(.exactWords) }
            exercise = try Exercise(id: id, question: question, answer: answer, parsedChecks: checks,
                                    hints: body.all("hint").map(\.value), explanation: explanation, options: options,
                                    at: location)
        } catch {
            throw LessonErrors(errors.first == error ? errors : [error] + errors)
        }
        self.exercise = exercise
        self.traceName = trace.name
        self.trace = trace.trace
        self.location = location
    }

    private static func trace(named entry: DirectiveBody.Entry?, in traces: [TraceDirective], preceding: TraceDirective?,
                              at location: SourceLocation) throws(LessonError) -> TraceDirective {
        guard let entry else {
            guard let preceding = preceding ?? traces.last else {
                throw LessonError("{exercise} needs a trace: add a {trace} block to the lesson", at: location)
            }
            return preceding
        }
        let name = unquoted(entry.value)
        guard let trace = traces.first(where: { $0.name == name }) else {
            let names = traces.map { "'\($0.name)'" }.joined(separator: ", ")
            throw LessonError("no {trace} named '\(name)' in this lesson; its traces are: \(names.isEmpty ? "none" : names)",
                              at: entry.location)
        }
        return trace
    }
}
