import AttentionJSON
import AttentionMarkdown
import AttentionTrace

/// The formats a trace can be rendered in, named as the `--format` option spells them.
public enum TraceFormat: String, CaseIterable, Sendable {
    /// CommonMark text: each step with its formulas in plain text and its tensors as aligned text tables.
    case markdown
    /// One standalone HTML page: tables, heatmaps and MathML formulas, with no external resources.
    case html
    /// The trace itself as JSON, with sorted keys; masked entries are `null`.
    case json
}

/// Renders a trace as a lesson page or as data.
///
/// Markdown and HTML lay the trace out the same way: the input, then each step
/// (grouped by target word where the trace groups them) with its explanation,
/// formulas and every tensor it read or computed, then warnings and the result.
/// The HTML page adds a table of contents and an alignment heatmap at the top.
///
/// - Parameters:
///   - trace: The trace to render.
///   - format: The output format.
/// - Returns: The rendered text, ending with a newline.
/// - Throws: ``RenderingError`` when a tensor's shape, axes and labels disagree
///   (a hand-edited trace), for JSON when a value such as NaN cannot be encoded,
///   and ``RenderingError/documentTooLarge(bytes:limit:)`` rather than let cmark abort.
public func render(_ trace: Trace, as format: TraceFormat) throws(RenderingError) -> String {
    switch format {
    case .markdown:
        let document = try TraceDocumentBuilder(trace: trace, presentation: MarkdownPresentation()).document()
        do {
            return try document.commonMark()
        } catch {
            throw RenderingError(error)
        }
    case .html:
        let document = try TraceDocumentBuilder(trace: trace, presentation: HTMLPresentation(trace: trace)).document()
        do {
            return standalonePage(title: trace.pageTitle, body: try document.htmlFragment())
        } catch {
            throw RenderingError(error)
        }
    case .json:
        do {
            return try traceJSON(trace)
        } catch {
            throw RenderingError(error)
        }
    }
}

/// Renders a trace into `sink`: JSON streamed a chunk at a time, so that a trace
/// of any size needs only a small buffer beyond itself; Markdown and HTML (pages
/// of a few megabytes) rendered as ``render(_:as:)`` does, then written.
///
/// - Parameters:
///   - trace: The trace to render.
///   - format: The output format.
///   - sink: Where the bytes go, such as a ``FileHandleSink``.
/// - Throws: ``StreamingError/rendering(_:)`` with the errors of ``render(_:as:)``;
///   for JSON an unencodable value may be found after earlier bytes were written.
///   ``StreamingError/sink(_:)`` when the sink fails.
public func render<Sink: ByteSink>(_ trace: Trace, as format: TraceFormat,
                                   to sink: inout Sink) throws(StreamingError<Sink.Failure>) {
    switch format {
    case .json:
        do {
            try writeTraceJSON(trace, to: &sink)
        } catch {
            throw StreamingError(error)
        }
    case .markdown, .html:
        let text: String
        do {
            text = try render(trace, as: format)
        } catch {
            throw .rendering(error)
        }
        do {
            try sink.write(text)
        } catch {
            throw .sink(error)
        }
    }
}
