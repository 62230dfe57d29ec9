import AttentionRendering

extension LessonExercise {
    /// The anchor of the exercise on its page.
    var anchor: String { "exercise-\(exercise.id)" }

    /// The exercise as static HTML: the question, hints revealed one at a time (each
    /// `<details>` holds the next), and the answer with its explanation behind a last `<details>`.
    ///
    /// - Parameter number: The exercise's 1-based number in its lesson.
    func html(number: Int) -> String {
        var html = "<section class=\"exercise\" id=\"\(htmlEscaped(anchor))\">\n"
        html += "<h3>Exercise \(number) <small><code>\(htmlEscaped(exercise.id))</code></small></h3>\n"
        html += "<div class=\"question\">\n\(userTextHTML(exercise.question))</div>\n"
        for (k, hint) in exercise.hints.enumerated() {
            html += "<details class=\"hint\"><summary>Hint \(k + 1)</summary>\n\(userTextHTML(hint))"
        }
        html += String(repeating: "</details>\n", count: exercise.hints.count)
        html += "<details class=\"answer\"><summary>Answer and explanation</summary>\n"
        html += "<p>Answer: <code>\(htmlEscaped(answerText))</code></p>\n"
        if let explanation = exercise.explanation { html += userTextHTML(explanation) }
        html += "</details>\n</section>"
        return html
    }

    private var answerText: String {
        if case .string(let text) = exercise.answer { return text }
        return exercise.answer.description
    }
}
