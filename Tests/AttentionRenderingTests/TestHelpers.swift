import AttentionMarkdown
import Foundation
import AttentionRendering

/// The plain text of inlines, as a reader would see it.
func plainText(_ inlines: [Inline]) -> String {
    inlines.map { inline in
        switch inline {
        case .text(let text), .code(let text), .html(let text): text
        case .emphasis(let children), .strong(let children), .link(_, _, let children): plainText(children)
        case .softBreak, .lineBreak: " "
        }
    }.joined()
}

/// Every heading of a document's top level as `(level, text)`.
func headings(in document: Document) -> [Heading] {
    document.blocks.compactMap { block in
        guard case .heading(let level, let inlines) = block.kind else { return nil }
        return Heading(level: level, text: plainText(inlines))
    }
}

struct Heading: Equatable, CustomStringConvertible {
    let level: Int
    let text: String
    var description: String { String(repeating: "#", count: level) + " " + text }
}

/// How many times `needle` occurs in `text`, without overlaps.
func occurrences(of needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
}

/// The parts of `text` between each `start` and the next `end` (inclusive).
func sections(of text: String, from start: String, to end: String) -> [String] {
    var result: [String] = []
    var rest = text[...]
    while let open = rest.range(of: start), let close = rest[open.upperBound...].range(of: end) {
        result.append(String(rest[open.lowerBound..<close.upperBound]))
        rest = rest[close.upperBound...]
    }
    return result
}
