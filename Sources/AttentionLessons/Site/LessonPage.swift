import AttentionMarkdown
import AttentionRendering

extension Lesson {
    /// The lesson's page: navigation, a contents list of its sections and exercises,
    /// its Markdown with every directive replaced by what it shows, and navigation again.
    ///
    /// - Parameters:
    ///   - previous: The lesson before, for the "previous" link.
    ///   - next: The lesson after, for the "next" link.
    ///   - courseTitle: The course's title, for the link to the index.
    /// - Returns: A complete standalone HTML page.
    /// - Throws: ``LessonError`` at a `{trace}` whose trace cannot be rendered.
    func page(previous: Lesson?, next: Lesson?, courseTitle: String) throws(LessonError) -> String {
        var blocks: [Block] = []
        var sectionCount = 0
        var exerciseCount = 0
        var isTitle = true
        for item in content {
            switch item {
            case .markdown(let block):
                if case .heading(2, _) = block.kind {
                    sectionCount += 1
                    blocks.append(Block(.html("<a id=\"\(Self.sectionAnchor(sectionCount))\"></a>")))
                }
                blocks.append(block)
                if isTitle, case .heading(1, _) = block.kind {
                    isTitle = false
                    blocks.append(Block(.html(contentsHTML())))
                }
            case .trace(let directive):
                blocks.append(Block(.html("<section class=\"trace\">")))
                blocks.append(Block(.paragraph([.emphasis([.text(directive.caption)])])))
                if let origin = directive.trace.parameterOrigin { blocks.append(Block(.paragraph([.text(origin)]))) }
                do {
                    blocks += try embeddedStepBlocks(of: directive.trace, including: directive.shows, headingLevel: 3)
                } catch {
                    throw LessonError("the trace cannot be rendered: \(error.description)", at: directive.location)
                }
                blocks.append(Block(.html("</section>")))
            case .exercise(let exercise):
                exerciseCount += 1
                blocks.append(Block(.html(exercise.html(number: exerciseCount))))
            case .comparison(let comparison):
                blocks.append(Block(.html("<section class=\"comparison\">")))
                blocks += comparison.blocks
                blocks.append(Block(.html("</section>")))
            case .learning(let learning):
                blocks.append(Block(.html("<section class=\"learning\">")))
                blocks += learning.blocks
                blocks.append(Block(.html("</section>")))
            }
        }
        let navigation = Self.navigation(previous: previous, next: next, courseTitle: courseTitle)
        let body: String
        do {
            body = try Document(blocks).htmlFragment()
        } catch {
            throw LessonError("the page cannot be rendered: \(error.description)", at: SourceLocation(file: file, line: 1))
        }
        return standaloneHTMLPage(title: "\(title) · \(courseTitle)", body: navigation + body + navigation)
    }

    private static func sectionAnchor(_ number: Int) -> String { "section-\(number)" }

    /// The page's contents: its `## ` sections and its exercises, in order, as links.
    private func contentsHTML() -> String {
        var entries: [(title: String, anchor: String)] = []
        var exerciseCount = 0
        for item in content {
            switch item {
            case .markdown(let block):
                if case .heading(2, let inlines) = block.kind {
                    entries.append((plainText(inlines), Self.sectionAnchor(entries.count - exerciseCount + 1)))
                }
            case .exercise(let exercise):
                exerciseCount += 1
                entries.append(("Exercise \(exerciseCount)", exercise.anchor))
            case .trace, .comparison, .learning:
                break
            }
        }
        return Self.contents(entries)
    }

    private static func contents(_ entries: [(title: String, anchor: String)]) -> String {
        guard !entries.isEmpty else { return "" }
        var html = "<nav class=\"contents\" aria-label=\"On this page\">\n<h2>On this page</h2>\n<ul>\n"
        for entry in entries {
            html += "<li><a href=\"#\(htmlEscaped(entry.anchor))\">\(htmlEscaped(entry.title))</a></li>\n"
        }
        return html + "</ul>\n</nav>"
    }

    private static func navigation(previous: Lesson?, next: Lesson?, courseTitle: String) -> String {
        var html = "<nav class=\"pager\" aria-label=\"Lessons\"><p>"
        if let previous {
            html += "<a rel=\"prev\" href=\"\(htmlEscaped(previous.slug)).html\">← \(htmlEscaped(previous.title))</a> · "
        }
        html += "<a href=\"index.html\">\(htmlEscaped(courseTitle))</a>"
        if let next {
            html += " · <a rel=\"next\" href=\"\(htmlEscaped(next.slug)).html\">\(htmlEscaped(next.title)) →</a>"
        }
        return html + "</p></nav>\n"
    }
}

extension TraceDirective {
    /// One line saying what was traced: "Trace: additive · source “…” · target “…” · seed 42".
    var caption: String {
        var parts = ["Trace: \(trace.variant)"]
        if let source = trace.sourceTokens { parts.append("source “\(source.joined(separator: " "))”") }
        if let target = trace.targetTokens { parts.append("target “\(target.joined(separator: " "))”") }
        parts += trace.options.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        return parts.joined(separator: " · ")
    }
}
