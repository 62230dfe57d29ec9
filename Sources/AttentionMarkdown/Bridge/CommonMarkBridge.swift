// The only file that imports cmark. Everything it hands out is a Swift value:
// rendered strings are copied and freed here, node trees are built and freed
// here, and parsed trees are copied into a `Document` before they are freed.

import CCmark

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Rendering

extension Document {
    /// The most bytes of text a document may hand to cmark: its renderers abort
    /// the process when a buffer would pass 1 GB, and escaping can make HTML up
    /// to six times longer than the text (`"` becomes `&quot;`).
    public static let largestTextForCommonMark = 128 * 1024 * 1024

    /// Top-level raw HTML blocks at least this long do not pass through cmark:
    /// a short placeholder does, and the block replaces it in the output.
    static let smallestSplicedBlock = 4096

    /// The document as CommonMark text, written by cmark's CommonMark renderer.
    ///
    /// Text in ``Inline/text(_:)`` is escaped as needed, so it reads back as the same text.
    ///
    /// - Throws: ``MarkdownError/documentTooLarge(bytes:limit:)`` when the document
    ///   holds more than ``largestTextForCommonMark`` bytes of text.
    public func commonMark() throws(MarkdownError) -> String {
        try checkSize(textBytes)
        return withNodeTree(blocks) { root in takeRendered(cmark_render_commonmark(root, CMARK_OPT_DEFAULT, 0)) }
    }

    /// The document as an HTML fragment (no `<html>` or `<head>`), written by cmark's HTML renderer.
    ///
    /// Raw HTML blocks and inlines are kept verbatim (`CMARK_OPT_UNSAFE`), so
    /// whoever builds them must escape the user text they contain. Top-level
    /// raw HTML blocks of ``smallestSplicedBlock`` bytes or more never enter
    /// cmark's buffers: cmark renders a placeholder comment for each, and the
    /// block is spliced in its place, which gives the same output at any size.
    ///
    /// - Throws: ``MarkdownError/documentTooLarge(bytes:limit:)`` when the text
    ///   left for cmark is more than ``largestTextForCommonMark`` bytes.
    /// - Complexity: O(size of the output).
    public func htmlFragment() throws(MarkdownError) -> String {
        let marker = "<!--spliced-\(UInt64.random(in: 0...UInt64.max))-"
        var spliced: [String] = []
        let rendered = blocks.map { block -> Block in
            guard case .html(let raw) = block.kind, raw.utf8.count >= Self.smallestSplicedBlock else { return block }
            spliced.append(raw)
            return Block(.html("\(marker)\(spliced.count - 1)-->"))
        }
        try checkSize(Document(rendered).textBytes)
        let html = withNodeTree(rendered) { root in takeRendered(cmark_render_html(root, CMARK_OPT_UNSAFE)) }
        guard !spliced.isEmpty else { return html }
        return splicing(spliced, into: html, at: marker)
    }

    private func checkSize(_ bytes: Int) throws(MarkdownError) {
        guard bytes <= Self.largestTextForCommonMark else {
            throw .documentTooLarge(bytes: bytes, limit: Self.largestTextForCommonMark)
        }
    }

    /// The bytes of text in every block and inline: what cmark's buffers will hold.
    var textBytes: Int {
        var counter = TextByteCounter()
        counter.walk(self)
        return counter.bytes
    }
}

/// `html` with each placeholder `<marker>k-->` replaced by `blocks[k]`.
///
/// cmark ends a raw HTML block with a newline unless it already ends with one,
/// so the newline it wrote after a placeholder is dropped when the block has its own.
///
/// - Complexity: O(size of the output).
private func splicing(_ blocks: [String], into html: String, at marker: String) -> String {
    var output = ""
    output.reserveCapacity(html.utf8.count + blocks.reduce(0) { $0 + $1.utf8.count })
    let utf8 = html.utf8
    func index(_ offset: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: offset) }
    var copied = 0
    for placeholder in placeholders(in: html, marker: marker, count: blocks.count) {
        output += html[index(copied)..<index(placeholder.range.lowerBound)]
        output += blocks[placeholder.block]
        copied = placeholder.range.upperBound
        if blocks[placeholder.block].utf8.last == UInt8(ascii: "\n"), copied < utf8.count,
           utf8[index(copied)] == UInt8(ascii: "\n") {
            copied += 1
        }
    }
    output += html[index(copied)...]
    return output
}

/// Every well-formed placeholder `<marker>k-->` in `html` with `0 ≤ k < count`: its byte range and `k`.
///
/// - Complexity: O(`html.utf8.count`), scanning with `memchr` for the marker's first byte.
private func placeholders(in html: String, marker: String, count: Int) -> [(range: Range<Int>, block: Int)] {
    var html = html
    let (marker, close) = (Array(marker.utf8), Array("-->".utf8))
    return html.withUTF8 { bytes in
        var found: [(range: Range<Int>, block: Int)] = []
        var from = 0
        while let start = firstOffset(of: marker, in: bytes, from: from) {
            from = start + marker.count
            guard let end = firstOffset(of: close, in: bytes, from: from),
                  let k = Int(String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<end]), as: UTF8.self)),
                  (0..<count).contains(k) else { continue }
            found.append((start..<(end + close.count), k))
            from = end + close.count
        }
        return found
    }
}

/// The offset of the first occurrence of `pattern` in `bytes` at or after `start`.
private func firstOffset(of pattern: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
    guard let first = pattern.first, let base = bytes.baseAddress else { return nil }
    var from = start
    while from + pattern.count <= bytes.count,
          let hit = memchr(base + from, Int32(first), bytes.count - from - pattern.count + 1) {
        let offset = UnsafeRawPointer(base).distance(to: hit)
        let matches = pattern.withUnsafeBufferPointer { needle in
            needle.baseAddress.map { memcmp(base + offset, $0, pattern.count) == 0 } ?? false
        }
        if matches { return offset }
        from = offset + 1
    }
    return nil
}

/// Counts the bytes of text in every block and inline: what cmark's buffers will hold.
private struct TextByteCounter: MarkupWalker {
    private(set) var bytes = 0

    mutating func visit(_ markup: Markup) {
        switch markup {
        case .block(let block):
            switch block.kind {
            case .codeBlock(let info, let literal): bytes += info.utf8.count + literal.utf8.count
            case .html(let raw): bytes += raw.utf8.count
            default: break
            }
        case .inline(let inline):
            switch inline {
            case .text(let text), .code(let text), .html(let text): bytes += text.utf8.count
            case .link(let destination, let title, _): bytes += destination.utf8.count + title.utf8.count
            case .softBreak, .lineBreak: bytes += 1
            case .emphasis, .strong: break
            }
        }
        descend(into: markup)
    }
}

/// Builds the cmark tree for `blocks`, passes its root to `body` and frees the tree.
private func withNodeTree<Result>(_ blocks: [Block], _ body: (OpaquePointer) -> Result) -> Result {
    let root = newNode(CMARK_NODE_DOCUMENT)
    defer { cmark_node_free(root) }
    var writer = NodeTreeWriter(root: root)
    writer.walk(blocks)
    return body(root)
}

/// Copies a string that a cmark renderer allocated, then frees it.
private func takeRendered(_ rendered: UnsafeMutablePointer<CChar>?) -> String {
    guard let rendered else { return "" }
    defer { free(rendered) }
    return String(cString: rendered)
}

private func newNode(_ type: cmark_node_type) -> OpaquePointer {
    guard let node = cmark_node_new(type) else {
        preconditionFailure("cmark could not create a node of type \(type.rawValue)")
    }
    return node
}

/// Creates a node of `type` as the last child of `parent`, which then owns it.
///
/// - Returns: The new node, borrowed: it is freed with `parent`'s tree.
private func appendNode(_ type: cmark_node_type, to parent: OpaquePointer) -> OpaquePointer {
    let child = newNode(type)
    guard cmark_node_append_child(parent, child) == 1 else {
        cmark_node_free(child)
        preconditionFailure("cmark refused a node of type \(type.rawValue) as a child of \(cmark_node_get_type(parent).rawValue)")
    }
    return child
}

/// Writes a document's nodes into a cmark tree, each as the last child of the node of its parent.
private struct NodeTreeWriter: MarkupWalker {
    /// The cmark node that the next node becomes a child of, innermost last.
    private var parents: [OpaquePointer]

    init(root: OpaquePointer) {
        parents = [root]
    }

    mutating func visit(_ markup: Markup) {
        guard let parent = parents.last else { preconditionFailure("the document node is always open") }
        let node = appendNode(type(of: markup), to: parent)
        switch markup {
        case .block(let block):
            switch block.kind {
            case .heading(let level, _): cmark_node_set_heading_level(node, Int32(min(max(level, 1), 6)))
            case .codeBlock(let info, let literal):
                cmark_node_set_fence_info(node, info)
                cmark_node_set_literal(node, literal)
            case .html(let raw): cmark_node_set_literal(node, raw)
            case .bulletList(let items, let isTight):
                cmark_node_set_list_type(node, CMARK_BULLET_LIST)
                appendItems(items, isTight: isTight, to: node)
                return
            case .orderedList(let start, let items, let isTight):
                cmark_node_set_list_type(node, CMARK_ORDERED_LIST)
                cmark_node_set_list_delim(node, CMARK_PERIOD_DELIM)
                cmark_node_set_list_start(node, Int32(clamping: start))
                appendItems(items, isTight: isTight, to: node)
                return
            case .paragraph, .blockQuote, .thematicBreak: break
            }
        case .inline(let inline):
            switch inline {
            case .text(let text), .code(let text), .html(let text): cmark_node_set_literal(node, text)
            case .link(let destination, let title, _):
                cmark_node_set_url(node, destination)
                cmark_node_set_title(node, title)
            case .emphasis, .strong, .softBreak, .lineBreak: break
            }
        }
        parents.append(node)
        descend(into: markup)
        parents.removeLast()
    }

    /// Appends an item node per item to `list`, each holding its blocks.
    private mutating func appendItems(_ items: [[Block]], isTight: Bool, to list: OpaquePointer) {
        cmark_node_set_list_tight(list, isTight ? 1 : 0)
        for item in items {
            parents.append(appendNode(CMARK_NODE_ITEM, to: list))
            walk(item)
            parents.removeLast()
        }
    }

    /// The cmark node type of `markup`.
    private func type(of markup: Markup) -> cmark_node_type {
        switch markup {
        case .block(let block):
            switch block.kind {
            case .heading: CMARK_NODE_HEADING
            case .paragraph: CMARK_NODE_PARAGRAPH
            case .codeBlock: CMARK_NODE_CODE_BLOCK
            case .html: CMARK_NODE_HTML_BLOCK
            case .thematicBreak: CMARK_NODE_THEMATIC_BREAK
            case .bulletList, .orderedList: CMARK_NODE_LIST
            case .blockQuote: CMARK_NODE_BLOCK_QUOTE
            }
        case .inline(let inline):
            switch inline {
            case .text: CMARK_NODE_TEXT
            case .code: CMARK_NODE_CODE
            case .emphasis: CMARK_NODE_EMPH
            case .strong: CMARK_NODE_STRONG
            case .link: CMARK_NODE_LINK
            case .html: CMARK_NODE_HTML_INLINE
            case .softBreak: CMARK_NODE_SOFTBREAK
            case .lineBreak: CMARK_NODE_LINEBREAK
            }
        }
    }
}

// MARK: - Parsing

extension Document {
    /// The most containers (quotes, lists, list items, emphasis, links) parsed text
    /// may nest inside each other: far more than prose needs, few enough that a
    /// recursive walk of the document stays well inside any thread's stack.
    public static let deepestNesting = 100

    /// Parses CommonMark text with cmark.
    ///
    /// Every block keeps the line it starts on. Nodes the model has no case for
    /// (images, custom blocks) become raw HTML, as cmark would render them.
    /// cmark reads any nesting without recursion, and so does this reader; text
    /// nested deeper than ``deepestNesting`` is refused, so that the document's
    /// walkers (which recurse) never go deeper than that.
    ///
    /// - Parameter markdown: CommonMark source text.
    /// - Throws: ``NestingTooDeep`` at the line of the first node nested more than
    ///   ``deepestNesting`` levels deep.
    public init(parsing markdown: String) throws(NestingTooDeep) {
        guard let root = cmark_parse_document(markdown, markdown.utf8.count, CMARK_OPT_DEFAULT) else {
            preconditionFailure("cmark could not allocate a document")
        }
        defer { cmark_node_free(root) }
        cmark_consolidate_text_nodes(root)  // "a & b" is one text, not three
        guard let iterator = cmark_iter_new(root) else {
            preconditionFailure("cmark could not allocate an iterator")
        }
        defer { cmark_iter_free(iterator) }

        var builder = TreeBuilder()
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iterator) else { continue }
            if event == CMARK_EVENT_EXIT {
                builder.close()
            } else if !builder.open(node) {
                builder.add(fallback: node)
                cmark_iter_reset(iterator, node, CMARK_EVENT_EXIT)  // skip its children
            } else if builder.depth > Self.deepestNesting {
                throw NestingTooDeep(line: builder.innermostLine, limit: Self.deepestNesting)
            }
        }
        self.init(builder.blocks)
    }
}

/// Rebuilds the Swift tree from cmark's enter and exit events, one open container per frame.
private struct TreeBuilder {
    private enum Container {
        case document, blockQuote, item, paragraph, emphasis, strong
        case list(orderedStart: Int?, isTight: Bool)
        case heading(level: Int)
        case link(destination: String, title: String)
    }

    private struct Frame {
        var container: Container
        var line: Int
        var blocks: [Block] = []
        var inlines: [Inline] = []
        var items: [[Block]] = []
    }

    private var stack: [Frame] = []
    /// The document's blocks, complete once the document node has been closed.
    private(set) var blocks: [Block] = []

    /// How many containers inside the document are open.
    var depth: Int { stack.count - 1 }

    /// The source line of the innermost open container, or of the nearest one
    /// around it that has a line (cmark gives some inlines none).
    var innermostLine: Int { stack.last { $0.line > 0 }?.line ?? 1 }

    /// Handles an enter event.
    ///
    /// - Returns: `false` when the model has no case for `node`; the caller then adds a fallback.
    mutating func open(_ node: OpaquePointer) -> Bool {
        let line = Int(cmark_node_get_start_line(node))
        let container: Container
        switch cmark_node_get_type(node) {
        case CMARK_NODE_TEXT: add(.text(literal(of: node))); return true
        case CMARK_NODE_CODE: add(.code(literal(of: node))); return true
        case CMARK_NODE_HTML_INLINE: add(.html(literal(of: node))); return true
        case CMARK_NODE_SOFTBREAK: add(.softBreak); return true
        case CMARK_NODE_LINEBREAK: add(.lineBreak); return true
        case CMARK_NODE_CODE_BLOCK:
            add(Block(.codeBlock(info: copy(cmark_node_get_fence_info(node)), literal: literal(of: node)), line: line))
            return true
        case CMARK_NODE_HTML_BLOCK: add(Block(.html(literal(of: node)), line: line)); return true
        case CMARK_NODE_THEMATIC_BREAK: add(Block(.thematicBreak, line: line)); return true
        case CMARK_NODE_DOCUMENT: container = .document
        case CMARK_NODE_BLOCK_QUOTE: container = .blockQuote
        case CMARK_NODE_ITEM: container = .item
        case CMARK_NODE_PARAGRAPH: container = .paragraph
        case CMARK_NODE_EMPH: container = .emphasis
        case CMARK_NODE_STRONG: container = .strong
        case CMARK_NODE_HEADING: container = .heading(level: Int(cmark_node_get_heading_level(node)))
        case CMARK_NODE_LINK:
            container = .link(destination: copy(cmark_node_get_url(node)), title: copy(cmark_node_get_title(node)))
        case CMARK_NODE_LIST:
            let isOrdered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
            container = .list(orderedStart: isOrdered ? Int(cmark_node_get_list_start(node)) : nil,
                              isTight: cmark_node_get_list_tight(node) != 0)
        default:
            return false
        }
        stack.append(Frame(container: container, line: line))
        return true
    }

    /// Adds a node the model does not know as the raw HTML cmark renders for it.
    mutating func add(fallback node: OpaquePointer) {
        let html = takeRendered(cmark_render_html(node, CMARK_OPT_UNSAFE))
        let type = cmark_node_get_type(node)
        if type.rawValue >= CMARK_NODE_FIRST_BLOCK.rawValue && type.rawValue <= CMARK_NODE_LAST_BLOCK.rawValue {
            add(Block(.html(html), line: Int(cmark_node_get_start_line(node))))
        } else {
            add(.html(html))
        }
    }

    /// Handles an exit event: turns the innermost open container into a value of its parent.
    mutating func close() {
        guard let frame = stack.popLast() else { return }
        let block: (Block.Kind) -> Block = { Block($0, line: frame.line) }
        switch frame.container {
        case .document: blocks = frame.blocks
        case .blockQuote: add(block(.blockQuote(frame.blocks)))
        case .paragraph: add(block(.paragraph(frame.inlines)))
        case .heading(let level): add(block(.heading(level: level, frame.inlines)))
        case .list(nil, let isTight): add(block(.bulletList(items: frame.items, isTight: isTight)))
        case .list(let start?, let isTight): add(block(.orderedList(start: start, items: frame.items, isTight: isTight)))
        case .item: if !stack.isEmpty { stack[stack.count - 1].items.append(frame.blocks) }
        case .emphasis: add(.emphasis(frame.inlines))
        case .strong: add(.strong(frame.inlines))
        case .link(let destination, let title): add(.link(destination: destination, title: title, frame.inlines))
        }
    }

    private mutating func add(_ block: Block) {
        if !stack.isEmpty { stack[stack.count - 1].blocks.append(block) }
    }

    private mutating func add(_ inline: Inline) {
        if !stack.isEmpty { stack[stack.count - 1].inlines.append(inline) }
    }
}

private func literal(of node: OpaquePointer) -> String {
    copy(cmark_node_get_literal(node))
}

/// Copies a string that belongs to a cmark node, so it outlives the node.
private func copy(_ string: UnsafePointer<CChar>?) -> String {
    string.map { String(cString: $0) } ?? ""
}
