/// Appends `text` as a JSON string literal that is also safe inside an HTML `<script>` element.
///
/// Besides the escapes JSON requires (`"`, `\`, control characters), `<`, `>`
/// and `&` are written as `\u003c`, `\u003e` and `\u0026`, so no input can
/// close the element (`</script>`) or open a comment (`<!--`); U+2028 and
/// U+2029 are escaped too. `JSON.parse` gives back the original text. Runs
/// that need no escape are appended whole.
///
/// - Complexity: O(`text.utf8.count`).
package func appendJSONString(_ text: String, to json: inout TextBuffer) {
    json += "\""
    let utf8 = text.utf8
    var unescaped = utf8.startIndex
    var index = unescaped
    while index != utf8.endIndex {
        let byte = utf8[index]
        var next = utf8.index(after: index)
        var escape: String? = switch byte {
        case UInt8(ascii: "\""): "\\\""
        case UInt8(ascii: "\\"): "\\\\"
        case UInt8(ascii: "\n"): "\\n"
        case UInt8(ascii: "<"): "\\u003c"
        case UInt8(ascii: ">"): "\\u003e"
        case UInt8(ascii: "&"): "\\u0026"
        case ..<0x20: "\\u00" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16)
        default: nil
        }
        // U+2028 and U+2029 are E2 80 A8 and E2 80 A9 in UTF-8.
        if byte == 0xE2, next != utf8.endIndex, utf8[next] == 0x80 {
            let last = utf8.index(after: next)
            if last != utf8.endIndex, utf8[last] == 0xA8 || utf8[last] == 0xA9 {
                escape = utf8[last] == 0xA8 ? "\\u2028" : "\\u2029"
                next = utf8.index(after: last)
            }
        }
        if let escape {
            json += text[unescaped..<index]
            json += escape
            unescaped = next
        }
        index = next
    }
    json += text[unescaped...]
    json += "\""
}
