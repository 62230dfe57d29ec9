import AttentionTrace
import Foundation

/// The trace as JSON, with keys sorted and indentation so that the same input
/// and seed give byte-identical files that diff well.
///
/// Doubles are written in the shortest form that decodes to the same value
/// (`0.1`, `0.3333333333333333`); −∞ in a tensor (a masked entry) is written `null`.
///
/// - Returns: The JSON text, ending with a newline.
/// - Throws: ``RenderingError/unencodable(path:reason:)`` when the trace holds
///   a value JSON cannot represent, such as `+∞` or NaN.
func traceJSON(_ trace: Trace) throws(RenderingError) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    do {
        return String(decoding: try encoder.encode(trace), as: UTF8.self) + "\n"
    } catch let EncodingError.invalidValue(value, context) {
        let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        throw .unencodable(path: path, reason: "\(value): \(context.debugDescription)")
    } catch {
        throw .unencodable(path: "", reason: "\(error)")
    }
}
