import AttentionRendering

extension Course {
    /// The static site: `index.html` and one `<slug>.html` page per lesson.
    ///
    /// - Parameter title: The course's title, shown on the index and in every page's navigation.
    /// - Returns: Each file's name and contents.
    /// - Throws: ``LessonError`` at a directive that cannot be rendered.
    public func site(title: String) throws(LessonError) -> [(name: String, contents: String)] {
        var files = [(name: "index.html", contents: index(title: title))]
        for (k, lesson) in lessons.enumerated() {
            let page = try lesson.page(previous: k > 0 ? lessons[k - 1] : nil,
                                       next: k + 1 < lessons.count ? lessons[k + 1] : nil, courseTitle: title)
            files.append((lesson.slug + ".html", page))
        }
        return files
    }

    /// The course's title and a table of contents: each lesson with its title and number of exercises.
    private func index(title: String) -> String {
        var html = "<h1>\(htmlEscaped(title))</h1>\n<nav class=\"contents\" aria-label=\"Lessons\">\n<h2>Lessons</h2>\n<ol>\n"
        for lesson in lessons {
            let count = lesson.exercises.count
            html += "<li><a href=\"\(htmlEscaped(lesson.slug)).html\">\(htmlEscaped(lesson.title))</a>"
            html += " <span class=\"exercise-count\">(\(count) exercise\(count == 1 ? "" : "s"))</span></li>\n"
        }
        html += "</ol>\n</nav>\n"
        return standaloneHTMLPage(title: title, body: html)
    }
}
