import AttentionText

/// Writes HTML into one ``TextBuffer`` so that nothing written through it can
/// escape its place: text and attribute values are escaped by construction.
///
/// Element and attribute names are `StaticString`s, so they can only be literals
/// in the package's code, never user text. Every `String` handed to ``text(_:)``,
/// ``attribute(_:_:)-(_,String)`` or ``element(_:text:)`` has `& < > " '` replaced
/// by character references (the one escape that is right both between tags and
/// inside a quoted attribute value). Numbers are written as digits; literal markup
/// of the package's own goes in through ``markup(_:)``, which takes only a
/// `StaticString`. HTML made elsewhere goes in only as an ``HTMLFragment`` (which
/// only escaping or a writer makes) or through ``rawHTML(_:)`` and
/// ``rawContent(_:)``, whose names say what they do.
///
/// ```swift
/// var html = HTMLWriter()
/// html.start("td")
/// html.attribute("class", "masked")
/// html.end()
/// html.text(label)       // "<b>" arrives as "&lt;b&gt;"
/// html.close("td")
/// ```
///
/// It writes the bytes straight into the buffer, as the pages did before it, so a
/// page of 150,000 pieces costs no more to write.
package struct HTMLWriter: ~Copyable {
    private var buffer: TextBuffer

    /// An empty writer with room for `capacity` bytes before it grows.
    package init(capacity: Int = 4096) {
        buffer = TextBuffer(capacity: capacity)
    }

    /// The HTML written so far.
    package var html: String { buffer.text }

    /// The HTML written so far, as a fragment to place in other HTML.
    package var fragment: HTMLFragment { HTMLFragment(written: buffer.text) }

    // MARK: - Tags

    /// Writes `<name`; attributes follow, then ``end()`` or ``endEmpty()``.
    package mutating func start(_ name: StaticString) {
        append("<")
        append(name)
    }

    /// Writes `>`, ending a start tag.
    package mutating func end() {
        append(">")
    }

    /// Writes `/>`, ending an element with no content (SVG's `<rect …/>`).
    package mutating func endEmpty() {
        append("/>")
    }

    /// Writes `<name>`: a start tag without attributes.
    package mutating func open(_ name: StaticString) {
        start(name)
        end()
    }

    /// Writes `<name class="className">` with `className` escaped, the commonest start tag on a page.
    package mutating func open(_ name: StaticString, class className: String) {
        start(name)
        attribute("class", className)
        end()
    }

    /// Writes `</name>`.
    package mutating func close(_ name: StaticString) {
        append("</")
        append(name)
        append(">")
    }

    /// Writes `<name>text</name>` with `text` escaped.
    package mutating func element(_ name: StaticString, text: String) {
        open(name)
        self.text(text)
        close(name)
    }

    // MARK: - Attributes

    /// Writes ` name="value"` with `value` escaped.
    package mutating func attribute(_ name: StaticString, _ value: String) {
        startAttribute(name)
        text(value)
        endAttribute()
    }

    /// Writes ` name="fragment"`, a value escaped before (an identifier written once for many cells).
    package mutating func attribute(_ name: StaticString, _ value: HTMLFragment) {
        startAttribute(name)
        append(value)
        endAttribute()
    }

    /// Writes ` name="42"`.
    package mutating func attribute(_ name: StaticString, decimal value: Int) {
        startAttribute(name)
        decimal(value)
        endAttribute()
    }

    /// Writes ` name="56.5"`: `value` rounded to a tenth, as ``coordinate(_:)`` writes it.
    package mutating func attribute(_ name: StaticString, coordinate value: Double) {
        startAttribute(name)
        coordinate(value)
        endAttribute()
    }

    /// Writes ` name="`; the value follows through the text and number calls, then ``endAttribute()``.
    ///
    /// For values made of several pieces, such as `viewBox="0 0 120 80"`.
    package mutating func startAttribute(_ name: StaticString) {
        append(" ")
        append(name)
        append("=\"")
    }

    /// Writes the `"` that closes an attribute value.
    package mutating func endAttribute() {
        append("\"")
    }

    // MARK: - Content

    /// Writes `text` with `& < > " '` replaced by character references.
    ///
    /// Runs without those characters are copied whole, since most text has none.
    ///
    /// - Complexity: O(`text.utf8.count`).
    package mutating func text(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var unescaped = 0
            // Bits 0x22, 0x26, 0x27, 0x3C and 0x3E: `"`, `&`, `'`, `<` and `>`; any other byte is copied.
            let special: UInt64 = 0x5000_00C4_0000_0000
            for k in bytes.indices where bytes[k] < 64 && (special >> bytes[k]) & 1 != 0 {
                let reference: StaticString
                switch bytes[k] {
                case UInt8(ascii: "&"): reference = "&amp;"
                case UInt8(ascii: "<"): reference = "&lt;"
                case UInt8(ascii: ">"): reference = "&gt;"
                case UInt8(ascii: "\""): reference = "&quot;"
                case UInt8(ascii: "'"): reference = "&#39;"
                default: continue
                }
                buffer.append(utf8: UnsafeBufferPointer(rebasing: bytes[unescaped..<k]))
                append(reference)
                unescaped = k + 1
            }
            buffer.append(utf8: UnsafeBufferPointer(rebasing: bytes[unescaped...]))
        }
    }

    /// Writes the decimal digits of `value`.
    package mutating func decimal(_ value: Int) {
        buffer.append(decimal: value)
    }

    /// Writes `value` as every table shows it, ``NumberFormatting/fixed(_:)``: four decimals, `masked` for −∞.
    package mutating func fixed(_ value: Double) {
        NumberFormatting.appendFixed(value, to: &buffer)  // digits, a sign, a point or letters: nothing to escape
    }

    /// Writes `value` rounded to a tenth as briefly as possible: `28`, `56.5`, `-0.5`
    /// (what ``NumberFormatting/exact(_:)`` writes for the rounded value), as SVG coordinates are written.
    package mutating func coordinate(_ value: Double) {
        let rounded = (value * 10).rounded()
        guard abs(rounded) < 1e15 else {
            buffer += NumberFormatting.exact(rounded / 10)
            return
        }
        let tenths = Int(rounded)
        if tenths < 0 { append("-") }
        buffer.append(decimal: Int(tenths.magnitude / 10))
        if tenths.magnitude % 10 != 0 {
            append(".")
            buffer.append(decimal: Int(tenths.magnitude % 10))
        }
    }

    /// Writes markup that is a literal in the package's code, such as
    /// `"Any number: run the same <code>attention-trace trace</code> command"`.
    ///
    /// A `StaticString` cannot be made at run time, so no user text reaches the page this way.
    package mutating func markup(_ literal: StaticString) {
        append(literal)
    }

    /// Writes HTML that was escaped or built before, such as a table header written once for every slice.
    package mutating func append(_ fragment: HTMLFragment) {
        buffer += fragment.html
    }

    /// Writes `html` as it is: markup that the package built and vouches for (MathML
    /// from a formula, the page's style sheet, a lesson's CommonMark as cmark renders
    /// it with its raw HTML escaped), never user text.
    package mutating func rawHTML(_ html: String) {
        buffer += html
    }

    /// Lets `body` write straight into the buffer, for content with its own escaping
    /// rules, such as the JSON of a data island inside `<script>`.
    package mutating func rawContent(_ body: (inout TextBuffer) -> Void) {
        body(&buffer)
    }

    /// Copies a literal's bytes; literals made from string literals always have a pointer to them.
    @inline(__always)
    private mutating func append(_ text: StaticString) {
        buffer.append(literal: text)
    }
}

/// A piece of HTML that is safe to place as it is: text escaped by
/// ``init(escaping:)``, or markup written by an ``HTMLWriter``.
package struct HTMLFragment: Hashable, Sendable {
    /// The HTML.
    package let html: String

    /// `text` with `& < > " '` replaced by character references.
    package init(escaping text: String) {
        var writer = HTMLWriter(capacity: text.utf8.count + 16)
        writer.text(text)
        html = writer.html
    }

    /// What a writer wrote.
    fileprivate init(written html: String) {
        self.html = html
    }

    /// Two fragments, one after the other.
    package static func + (first: HTMLFragment, second: HTMLFragment) -> HTMLFragment {
        HTMLFragment(written: first.html + second.html)
    }
}
