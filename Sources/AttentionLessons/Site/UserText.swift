import AttentionMarkdown

/// Instructor-written text (a question, a hint, an explanation) as an HTML fragment.
///
/// The text is read as CommonMark, so `code`, *emphasis* and links work, but raw
/// HTML in it is shown as text and links with a `javascript:`, `data:` or
/// `vbscript:` destination lose their link (``RawHTMLEscaper``): everything
/// user-written is escaped. Text too long for cmark (over 128 MB) or nested too
/// deeply is replaced by a sentence saying so.
func userTextHTML(_ text: String) -> String {
    do {
        var escaper = RawHTMLEscaper()
        return try escaper.rewrite(Document(parsing: text)).htmlFragment()
    } catch {
        return "<p>This text cannot be shown: \(error).</p>\n"
    }
}
