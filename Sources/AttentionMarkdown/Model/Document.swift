/// A CommonMark document as Swift values: what the renderers build and what the parser returns.
///
/// The model is deliberately small: it has the blocks and inlines that trace
/// pages and lessons use. ``Document/init(parsing:)`` maps anything else that
/// cmark produces to raw HTML, so parsing never fails.
public struct Document: Hashable, Sendable {
    /// The top-level blocks, in order.
    public var blocks: [Block]

    /// Creates a document from its top-level blocks.
    public init(_ blocks: [Block]) {
        self.blocks = blocks
    }
}

/// One block of a ``Document``, with the source line it started on when it was parsed.
public struct Block: Hashable, Sendable {
    /// The kinds of block the model knows.
    public enum Kind: Hashable, Sendable {
        /// A heading of `level` 1 through 6; other levels are clamped when rendered.
        case heading(level: Int, [Inline])
        /// A paragraph.
        case paragraph([Inline])
        /// A fenced code block: its info string (such as `swift` or `{trace}`) and its text.
        case codeBlock(info: String, literal: String)
        /// Raw HTML, copied verbatim into HTML output.
        case html(String)
        /// A horizontal rule.
        case thematicBreak
        /// A bulleted list; each item is a list of blocks.
        case bulletList(items: [[Block]], isTight: Bool = true)
        /// A numbered list starting at `start`; each item is a list of blocks.
        case orderedList(start: Int = 1, items: [[Block]], isTight: Bool = true)
        /// A block quote.
        case blockQuote([Block])
    }

    /// What the block is.
    public var kind: Kind
    /// The 1-based line of the source text where the block starts, or `nil` for a block built in code.
    ///
    /// Lessons use it to say where in an instructor's Markdown a problem is.
    public var line: Int?

    /// Creates a block.
    public init(_ kind: Kind, line: Int? = nil) {
        self.kind = kind
        self.line = line
    }
}

/// Inline content of a paragraph or heading.
public indirect enum Inline: Hashable, Sendable {
    /// Plain text; renderers escape it.
    case text(String)
    /// A code span.
    case code(String)
    /// Emphasised (usually italic) content.
    case emphasis([Inline])
    /// Strongly emphasised (usually bold) content.
    case strong([Inline])
    /// A link to `destination`, with an optional `title`.
    case link(destination: String, title: String = "", [Inline])
    /// Raw inline HTML, copied verbatim into HTML output.
    case html(String)
    /// A line ending inside a paragraph, rendered as a space in HTML.
    case softBreak
    /// A hard line break.
    case lineBreak
}
