import Foundation
import NameSuggestions

/// One entry of a comparison: a variant with options of its own, so that one page can put
/// plain causal attention beside a sliding window and attention sinks.
///
/// An entry is written `causal` or `causal(sliding_window=3, sink_tokens=1)`: the options go
/// by the names a spec's `options` uses (`-` may stand for `_`, as on the command line), with
/// their values as text. `compare --variants` and a lesson's `{compare}` block read their lists
/// with ``list(_:)``, so both accept exactly the same entries.
public struct ComparedVariant: Equatable, Sendable {
    /// The mechanism.
    public let variant: Variant
    /// The options the entry sets; the others keep their defaults.
    public let options: MechanismOptions
    /// How a comparison names the entry: the variant, then its options as written (`causal(sliding_window=3)`).
    public let label: String

    /// Whether the entry's weights are target words over the source (rather than the source over itself).
    public var attendsFromTarget: Bool { variant.sides != .sourceOnly }

    /// Reads one entry.
    ///
    /// - Throws: ``TraceError/unknownVariant(_:)`` for a variant name no variant has,
    ///   ``TraceError/malformedComparedVariant(entry:reason:)`` for unbalanced parentheses, an
    ///   option without `=`, an unknown option (with the closest name) or a value the option
    ///   cannot take.
    public init(parsing entry: String) throws(TraceError) {
        let text = entry.trimmingCharacters(in: .whitespacesAndNewlines)
        let malformed = { (reason: String) in TraceError.malformedComparedVariant(entry: text, reason: reason) }
        guard let open = text.firstIndex(of: "(") else {
            guard !text.contains(")") else { throw malformed("a ')' without its '('") }
            variant = try Variant(named: text)
            options = MechanismOptions()
            label = variant.rawValue
            return
        }
        guard text.hasSuffix(")"), text.firstIndex(of: ")") == text.index(before: text.endIndex) else {
            throw malformed("the options must be in one pair of parentheses at the end, such as causal(sliding_window=3)")
        }
        variant = try Variant(named: text[..<open].trimmingCharacters(in: .whitespaces))
        var options = MechanismOptions()
        var written: [String] = []
        let body = text[text.index(after: open)..<text.index(before: text.endIndex)]
        for assignment in body.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = assignment.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw malformed("write each option as name=value, such as sliding_window=3; found '\(assignment.trimmingCharacters(in: .whitespaces))'")
            }
            let name = parts[0].replacingOccurrences(of: "-", with: "_")
            guard let option = MechanismOption(rawValue: name) else {
                let names = MechanismOption.allCases.map(\.rawValue)
                let suggestion = closestName(to: name, among: names).map { "did you mean '\($0)'?" }
                    ?? "the options are \(names.joined(separator: ", "))"
                throw malformed("unknown option '\(parts[0])'; \(suggestion)")
            }
            guard option.value(in: options) == nil else { throw malformed("the option \(name) is set twice") }
            do {
                try option.set(parts[1], in: &options)
            } catch {
                throw malformed(error.description)
            }
            written.append("\(name)=\(parts[1])")
        }
        self.options = options
        label = "\(variant.rawValue)(\(written.joined(separator: ", ")))"
    }

    /// Reads a comma-separated list of entries; commas inside an entry's parentheses separate its options.
    ///
    /// The entries must all attend from the target over the source, or all let the source
    /// attend to itself: their weights are then over the same rows and columns.
    ///
    /// - Throws: What ``init(parsing:)`` throws for the first entry it cannot read,
    ///   ``TraceError/malformedComparedVariant(entry:reason:)`` for unbalanced parentheses, and
    ///   ``TraceError/comparedSidesDiffer(_:_:)`` for entries of both kinds.
    public static func list(_ text: String) throws(TraceError) -> [ComparedVariant] {
        var entries: [String] = [], current = "", depth = 0
        for character in text {
            switch character {
            case "(": depth += 1
            case ")": depth -= 1
            default: break
            }
            if character == ",", depth == 0 {
                entries.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        entries.append(current)
        guard depth == 0 else { throw .malformedComparedVariant(entry: text, reason: "its parentheses do not balance") }
        var parsed: [ComparedVariant] = []
        for entry in entries where !entry.allSatisfy(\.isWhitespace) {
            parsed.append(try ComparedVariant(parsing: entry))
        }
        if let first = parsed.first, let other = parsed.first(where: { $0.attendsFromTarget != first.attendsFromTarget }) {
            throw .comparedSidesDiffer(first, other)
        }
        return parsed
    }
}
