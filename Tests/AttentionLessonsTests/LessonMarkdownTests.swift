import AttentionLessons
import Foundation
import Testing

/// A lesson's own Markdown reaches the site as text, never as HTML or script.
@Suite struct LessonMarkdownTests {
    static let lesson = """
        # Injected

        <script>alert(document.cookie)</script>

        A picture <img src=x onerror="alert(1)"> and a [link](javascript:alert(2)).

        <div onclick="alert(3)">
        *block*
        </div>

        ```{trace}
        variant: dot
        source: le chat
        target: the cat
        ```
        """

    @Test func rawHTMLInALessonIsShownAsText() throws {
        let course = try Course([try Lesson(parsing: Self.lesson, file: "Lessons/01-injected.md")])
        let page = try #require(try course.site(title: "Course").first { $0.name == "01-injected.html" }?.contents)
        #expect(!page.contains("<script>alert"))
        #expect(!page.contains("<img src=x"))
        #expect(!page.contains("javascript:"))
        #expect(!page.contains("<div onclick"))
        #expect(page.contains("&lt;script&gt;alert(document.cookie)&lt;/script&gt;"))
        #expect(page.contains("A picture &lt;img src=x onerror=&quot;alert(1)&quot;&gt; and a <em>link</em>."))
        #expect(page.contains("<section class=\"trace\">"), "the directives' own blocks stay HTML")
        #expect(page.contains("<script type=\"application/json\""), "and so do the page's own scripts")
    }

    @Test func nestingTooDeepIsOneErrorAtItsLine() {
        let text = "# Deep\n\nfine\n\n" + String(repeating: "> ", count: 5_000) + "x\n"
        do {
            _ = try Lesson(parsing: text, file: "Lessons/02-deep.md")
            Issue.record("a lesson nested 5,000 quotes deep was read")
        } catch {
            #expect(error.errors.map(\.description) == [
                "Lessons/02-deep.md:5: the Markdown nests more than 100 levels deep (lists, quotes, emphasis and links inside each other)",
            ])
        }
    }
}
