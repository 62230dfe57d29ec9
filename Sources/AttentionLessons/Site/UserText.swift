import AttentionMarkdown
import AttentionRendering

/// Instructor-written text (a question, a hint, an explanation) as an HTML fragment.
///
/// The text is read as CommonMark, so `code`, *emphasis* and links work, but raw
/// HTML in it is shown as text and links with a `javascript:`, `data:` or
/// `vbscript:` destination lose their link: everything user-written is escaped.
/// Text too long for cmark (over 128 MB) is replaced by a sentence saying so.
func userTextHTML(_ text: String) -> String {
    do {
        return try Document(Document(parsing: text).blocks.map(escapingRawHTML)).htmlFragment()
    } catch {
        return "<p>This text cannot be shown: \(error.description).</p>\n"
    }
}

private func escapingRawHTML(_ block: Block) -> Block {
    var block = block
    switch block.kind {
    case .html(let raw): block.kind = .paragraph([.text(raw)])
    case .paragraph(let inlines): block.kind = .paragraph(inlines.map(escapingRawHTML))
    case .heading(let level, let inlines): block.kind = .heading(level: level, inlines.map(escapingRawHTML))
    case .blockQuote(let blocks): block.kind = .blockQuote(blocks.map(escapingRawHTML))
    case .bulletList(let items, let isTight): block.kind = .bulletList(items: items.map { $0.map(escapingRawHTML) }, isTight: isTight)
    case .orderedList(let start, let items, let isTight):
        block.kind = .orderedList(start: start, items: items.map { $0.map(escapingRawHTML) }, isTight: isTight)
    case .codeBlock, .thematicBreak: break
    }
    return block
}

private func escapingRawHTML(_ inline: Inline) -> Inline {
    switch inline {
    case .html(let raw): return .text(raw)
    case .emphasis(let children): return .emphasis(children.map(escapingRawHTML))
    case .strong(let children): return .strong(children.map(escapingRawHTML))
    case .link(let destination, let title, let children):
        let scheme = destination.lowercased().trimmingPrefix(while: \.isWhitespace)
        if ["javascript:", "data:", "vbscript:"].contains(where: { scheme.hasPrefix($0) }) {
            return .emphasis(children.map(escapingRawHTML))
        }
        return .link(destination: destination, title: title, children.map(escapingRawHTML))
    case .text, .code, .softBreak, .lineBreak: return inline
    }
}

private extension String {
    func trimmingPrefix(while predicate: (Character) -> Bool) -> Substring {
        self[...].drop(while: predicate)
    }
}
