import AttentionText
import Testing
@testable import AttentionRendering

/// What the writer writes, byte for byte: user text escaped wherever it goes, markup only from literals.
@Suite struct HTMLWriterTests {
    static let hostile = #"<img src=x onerror="alert('1')"> & </td>"#
    static let escaped = "&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt; &amp; &lt;/td&gt;"

    @Test func textAndAttributeValuesAreEscaped() {
        var html = HTMLWriter()
        html.start("td")
        html.attribute("title", Self.hostile)
        html.attribute("data-tensor", HTMLFragment(escaping: Self.hostile))
        html.end()
        html.text(Self.hostile)
        html.close("td")
        html.element("code", text: "\"quoted\"")
        #expect(html.html == "<td title=\"\(Self.escaped)\" data-tensor=\"\(Self.escaped)\">\(Self.escaped)</td>"
            + "<code>&quot;quoted&quot;</code>")
    }

    @Test func textWithoutSpecialCharactersIsCopiedWhole() {
        var html = HTMLWriter(capacity: 8)
        let text = String(repeating: "שלום 🐈 → ", count: 500)
        html.text(text)
        #expect(html.html == text)
    }

    @Test func tagsAndAttributesHaveTheirShapes() {
        var html = HTMLWriter()
        html.open("p", class: "a b")
        html.start("rect")
        html.attribute("x", coordinate: 56.54)
        html.attribute("y", coordinate: -0.05)
        html.attribute("width", decimal: 28)
        html.startAttribute("transform")
        html.text("translate(")
        html.coordinate(12)
        html.text(" ")
        html.coordinate(1e16)
        html.text(")")
        html.endAttribute()
        html.endEmpty()
        html.fixed(-2.0 / 3.0)
        html.fixed(-.infinity)
        html.markup("<br>")
        html.close("p")
        #expect(html.html == #"<p class="a b"><rect x="56.5" y="-0.1" width="28" transform="translate(12 1e+16)"/>-0.6667masked<br></p>"#)
    }

    /// Halves round away from zero, as `Double.rounded()` does.
    @Test func coordinatesAreRoundedToATenthAndWrittenBriefly() {
        for (value, text) in [(0.0, "0"), (28, "28"), (56.5, "56.5"), (-0.5, "-0.5"), (0.04, "0"), (0.96, "1"), (-12.25, "-12.3")] {
            var html = HTMLWriter()
            html.coordinate(value)
            #expect(html.html == text, "\(value)")
        }
    }

    @Test func fragmentsKeepWhatWasWrittenAndJoin() {
        var html = HTMLWriter()
        html.element("bdi", text: "<b>")
        let fragment = html.fragment + HTMLFragment(escaping: "'")
        #expect(fragment.html == "<bdi>&lt;b&gt;</bdi>&#39;")
        var page = HTMLWriter()
        page.append(fragment)
        page.rawHTML("<math></math>")
        page.rawContent { buffer in buffer += "{\"a\":1}" }
        #expect(page.html == "<bdi>&lt;b&gt;</bdi>&#39;<math></math>{\"a\":1}")
    }
}
