import AttentionRendering

extension LessonExercise {
    /// The anchor of the exercise on its page.
    var anchor: String { "exercise-\(exercise.id)" }

    /// The exercise as static HTML: the question, hints revealed one at a time (each
    /// `<details>` holds the next), and the answer with its explanation behind a last `<details>`.
    ///
    /// Written through an ``HTMLWriter``, so the identifier and the answer are escaped by
    /// construction; the question, hints and explanation are instructor CommonMark, placed
    /// as ``userTextHTML(_:)`` renders it (raw HTML in it escaped).
    ///
    /// - Parameter number: The exercise's 1-based number in its lesson.
    func html(number: Int) -> String {
        var html = HTMLWriter(capacity: 1024)
        html.start("section")
        html.attribute("class", "exercise")
        html.attribute("id", anchor)
        html.end()
        html.markup("\n<h3>Exercise ")
        html.decimal(number)
        html.markup(" <small><code>")
        html.text(exercise.id)
        html.markup("</code></small></h3>\n")
        html.open("div", class: "question")
        html.markup("\n")
        html.rawHTML(userTextHTML(exercise.question))
        html.markup("</div>\n")
        for (k, hint) in exercise.hints.enumerated() {
            html.open("details", class: "hint")
            html.markup("<summary>Hint ")
            html.decimal(k + 1)
            html.markup("</summary>\n")
            html.rawHTML(userTextHTML(hint))
        }
        for _ in exercise.hints {
            html.markup("</details>\n")
        }
        html.open("details", class: "answer")
        html.markup("<summary>Answer and explanation</summary>\n<p>Answer: <code>")
        html.text(answerText)
        html.markup("</code></p>\n")
        if let explanation = exercise.explanation { html.rawHTML(userTextHTML(explanation)) }
        html.markup("</details>\n</section>")
        return html.html
    }

    private var answerText: String {
        if case .string(let text) = exercise.answer { return text }
        return exercise.answer.description
    }
}
